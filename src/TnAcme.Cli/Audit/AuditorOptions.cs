using System.CommandLine;
using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Cli.Audit;

/// <summary>Options the auditor verbs share: where the server is, how to trust its TLS, the API key, the search filters.</summary>
internal sealed class AuditorOptions
{
    public Option<string> Server { get; } = new("--server") { Description = "The CA's base URL, e.g. https://ca.example:8443", Required = true };

    public Option<FileInfo?> CaBundle { get; } = new("--ca-bundle") { HelpName = "PEM", Description = "PEM root(s) to trust for the server's HTTPS besides the system store" };

    public Option<FileInfo?> ApiKeyFile { get; } = new("--api-key-file") { Description = "File holding the auditor API key" };

    public Option<string?> ApiKeyEnv { get; } = new("--api-key-env") { Description = "Environment variable holding the auditor API key" };

    public Option<string?> Tn { get; } = new("--tn") { Description = "Certificates naming this telephone number (directly or in a range)" };

    public Option<string?> Spc { get; } = new("--spc") { Description = "Certificates naming this SPC" };

    public Option<string?> Serial { get; } = new("--serial") { Description = "The certificate with this serial (hex)" };

    public Option<string?> Account { get; } = new("--account") { Description = "Certificates issued to this ACME account id" };

    public Option<string?> Range { get; } = new("--range") { Description = "Certificates overlapping first-last or start+count" };

    public Option<string?> Status { get; } = new("--status") { Description = "valid, revoked or expired" };

    public IEnumerable<Option> Connection => [Server, CaBundle, ApiKeyFile, ApiKeyEnv];

    public IEnumerable<Option> Filters => [Tn, Spc, Serial, Account, Range, Status];

    /// <summary>The query string for /audit/v1/certificates, or null when no filter was given.</summary>
    public string? Query(ParseResult result)
    {
        var parts = new List<string>();
        foreach (var (option, name) in new[] { (Tn, "tn"), (Spc, "spc"), (Serial, "serial"), (Account, "account"), (Range, "range"), (Status, "status") })
        {
            if (result.GetValue(option) is { } value)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        return parts.Count == 0 ? null : string.Join('&', parts);
    }

    public AuditServer Connect(ParseResult result)
    {
        string serverText = result.GetValue(Server)!;
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out Uri? server) || server.Scheme != Uri.UriSchemeHttps)
        {
            throw new AuditUsageException("--server must be an https:// URL");
        }

        var roots = new X509Certificate2Collection();
        if (result.GetValue(CaBundle) is { } bundle)
        {
            if (!bundle.Exists)
            {
                throw new AuditUsageException($"--ca-bundle {bundle.FullName} does not exist");
            }

            roots.ImportFromPemFile(bundle.FullName);
        }

        string? apiKey = null;
        if (result.GetValue(ApiKeyFile) is { } file)
        {
            apiKey = file.Exists ? File.ReadAllText(file.FullName).Trim() : throw new AuditUsageException($"--api-key-file {file.FullName} does not exist");
        }
        else if (result.GetValue(ApiKeyEnv) is { } variable)
        {
            apiKey = Environment.GetEnvironmentVariable(variable)?.Trim() is { Length: > 0 } v ? v : throw new AuditUsageException($"${variable} is empty or unset");
        }

        return new AuditServer(server, roots, apiKey);
    }
}
