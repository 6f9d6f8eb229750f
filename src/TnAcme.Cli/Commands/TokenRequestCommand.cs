using System.CommandLine;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Stir;
using TnAcme.TokenAuthority.Http;
using TnAcme.Validation.AuthorityToken;

namespace TnAcme.Cli.Commands;

/// <summary>`token request`: the service provider asks a token authority for an Authority Token (RFC 9448 §5.5).</summary>
internal static class TokenRequestCommand
{
    private const string KeyVariable = "TNACME_TA_KEY";

    public static Command Create()
    {
        var url = new Option<string>("--token-authority") { Description = "Base URL of the token authority, e.g. https://127.0.0.1:8443/sti-pa", Required = true };
        var account = new Option<string>("--ta-account") { Description = "Your account id at the token authority", Required = true };
        var key = new Option<string?>("--ta-key") { Description = $"Your API key at the token authority (default: ${KeyVariable}, which keeps it out of the process list)" };
        var tnAuthList = new Option<string?>("--tnauthlist") { Description = "The exact TNAuthList (base64url DER, as in the ACME order identifier) instead of --spc/--tn/--range" };
        var ca = new Option<bool>("--ca") { Description = "Ask for a token that allows a CA certificate (RFC 9060 delegation)" };
        var fingerprint = new Option<string>("--fingerprint") { Description = "Your ACME account key's SHA-256 thumbprint: \"SHA256 AA:BB:…\" or base64url", Required = true };
        var bundle = new Option<FileInfo?>("--ca-bundle") { Description = "PEM roots trusted for the token authority's TLS, beyond the system store (default: the data folder's development root, if any)" };
        var entries = new TnEntryOptions();
        var command = new Command("request", "Get an Authority Token for a TNAuthList from a token authority; prints the token")
        {
            url, account, key, tnAuthList, ca, fingerprint, bundle,
        };
        entries.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out Uri? baseUri) || baseUri.Scheme != Uri.UriSchemeHttps)
            {
                return CliOutput.Error(json, ExitCodes.Usage, "--token-authority must be the https:// base URL of a token authority (RFC 9447 §7)");
            }

            string? apiKey = result.GetValue(key) ?? Environment.GetEnvironmentVariable(KeyVariable);
            if (string.IsNullOrEmpty(apiKey))
            {
                return CliOutput.Error(json, ExitCodes.Usage, $"give the API key with --ta-key or ${KeyVariable}");
            }

            string fp = result.GetValue(fingerprint)!;
            if (!AtcFingerprint.TryParse(fp, out _, out string? why))
            {
                return CliOutput.Error(json, ExitCodes.InvalidInput, $"--fingerprint: {why}");
            }

            TnAuthList list;
            try
            {
                List<TnEntry> named = entries.Read(result);
                string? exact = result.GetValue(tnAuthList);
                if ((exact is null) == (named.Count == 0))
                {
                    return CliOutput.Error(json, ExitCodes.Usage, "name the numbers with --spc/--tn/--range, or give --tnauthlist, not both");
                }

                list = exact is not null ? TnAuthListIdentifier.DecodeTolerant(exact) : TnAuthList.Create(named);
            }
            catch (StirDecodeException e)
            {
                return CliOutput.Error(json, ExitCodes.InvalidInput, e.Message);
            }

            X509Certificate2Collection roots;
            try
            {
                roots = await TlsRootsAsync(result, result.GetValue(bundle), cancellationToken);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                return CliOutput.Error(json, ExitCodes.InvalidInput, e.Message);
            }

            try
            {
                using var client = new TokenAuthorityClient(baseUri, roots);
                TokenResponse response = await client.RequestAsync(result.GetValue(account)!, apiKey, list, fp, result.GetValue(ca), cancellationToken);
                var output = new JsonObject
                {
                    ["token"] = response.Token,
                    ["crl"] = response.Crl,
                    ["tnAuthList"] = TnAuthListIdentifier.Encode(list),
                    ["entries"] = list.ToString(),
                };
                CliOutput.Result(json, output, response.Token);
                return ExitCodes.Success;
            }
            catch (TokenAuthorityClientException e)
            {
                return CliOutput.Error(json, e.Status is 403 ? ExitCodes.Refused : e.Status is 400 ? ExitCodes.InvalidInput : ExitCodes.Failure, e.Message);
            }
            catch (HttpRequestException e)
            {
                return CliOutput.Error(json, ExitCodes.Failure, $"the token authority could not be reached: {e.Message}");
            }
            finally
            {
                foreach (X509Certificate2 root in roots)
                {
                    root.Dispose();
                }
            }
        });
        return command;
    }

    private static async Task<X509Certificate2Collection> TlsRootsAsync(ParseResult result, FileInfo? bundle, CancellationToken ct)
    {
        string? path = bundle?.FullName;
        if (path is null)
        {
            string devRoot = CliOptions.Folder(result).RootCertificatePath;
            if (!File.Exists(devRoot))
            {
                return [];
            }

            path = devRoot;
        }

        return await TrustAnchorLoader.LoadFileAsync(path, ct);
    }
}
