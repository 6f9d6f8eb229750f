using System.CommandLine;
using TnAcme.Client.State;
using TnAcme.Issuance.Hierarchy;

namespace TnAcme.Cli.Client;

/// <summary>Options the ACME client verbs share, and where the client folder is.</summary>
internal static class ClientCliOptions
{
    public static readonly Option<string?> ClientDir = new("--client-dir")
    {
        HelpName = "DIR",
        Description = $"Client state folder: account key, account.json, certificates/ (default: <data-dir>/client when --data-dir is given, else ${ClientFolder.EnvironmentVariable}, else <default data dir>/client)",
    };

    /// <summary>
    /// --client-dir, then an explicit --data-dir, then $TNACME_CLIENT_DIR, then the default data folder: the more
    /// explicit the choice, the more it wins.
    /// </summary>
    public static ClientFolder Folder(ParseResult result)
    {
        if (result.GetValue(ClientDir) is { Length: > 0 } dir)
        {
            return new ClientFolder(dir);
        }

        if (result.GetValue(CliOptions.DataDir) is { Length: > 0 } dataDir)
        {
            return new ClientFolder(Path.Combine(dataDir, "client"));
        }

        return Environment.GetEnvironmentVariable(ClientFolder.EnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? new ClientFolder(fromEnvironment)
            : new ClientFolder(Path.Combine(CaDataFolder.DefaultPath(), "client"));
    }

    /// <summary>
    /// An absolute https:// URL from an option (System.CommandLine does not bind <see cref="Uri"/>). ACME and the
    /// token API require TLS (RFC 8555 §6.1, RFC 9447 §7); plain http is let through only to this machine, for development.
    /// </summary>
    public static Uri Url(string value, string option) =>
        Uri.TryCreate(value, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
            ? url
            : throw ClientFailure.Usage($"{option} must be an absolute https:// URL, not '{value}'");
}
