using System.CommandLine;
using TnAcme.Cli.Bench;
using TnAcme.Stir;

namespace TnAcme.Cli.Commands;

/// <summary>`tnacme bench`: a load generator for complete ACME issuances over HTTPS (docs/operations.md).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var concurrency = new Option<int>("--concurrency") { Description = "Workers issuing at once, each with its own account and nonce", DefaultValueFactory = _ => 32 };
        var count = new Option<long?>("--count") { Description = "Issuances to measure after the warm-up (default 5000, or unlimited with --duration)" };
        var duration = new Option<double?>("--duration") { Description = "Measure for at most this many seconds" };
        var warmup = new Option<int>("--warmup") { Description = "Issuances before measuring: connections, caches and the runtime's tiered JIT, which settles after about 10,000", DefaultValueFactory = _ => 10000 };
        var profile = new Option<string?>("--profile") { Description = "ACME profile to ask for in newOrder (default: the server's choice for a number, tn-shortlived)" };
        var http1 = new Option<bool>("--http1") { Description = "Use HTTP/1.1, one connection per worker (default HTTP/2, the workers' requests multiplexed)" };
        var http2 = new Option<bool>("--http2") { Description = "Use HTTP/2 (the default)" };
        var keyPool = new Option<int>("--key-pool") { Description = "Certificate keys generated up front and used in turn; 0 = a fresh P-256 key per issuance", DefaultValueFactory = _ => 64 };
        var maxFailures = new Option<int>("--max-failures") { Description = "Stop once this many issuances failed", DefaultValueFactory = _ => 50 };
        var keep = new Option<bool>("--keep-data") { Description = "Keep the temporary folder (server data) instead of deleting it" };
        var directory = new Option<string?>("--directory") { Description = "Target a running server at this directory URL instead of starting one" };
        var caBundle = new Option<string?>("--ca-bundle") { Description = "With --directory: PEM root that the server's TLS certificate chains to" };
        var eabKid = new Option<string?>("--eab-kid") { Description = "With --directory: an EAB key id (one account, shared by all workers)" };
        var eabHmac = new Option<string?>("--eab-hmac") { Description = "With --directory: the EAB HMAC key (base64url)" };
        var taCert = new Option<string?>("--token-authority-cert") { Description = "With --directory: PEM token-signing certificate of a token authority the server trusts" };
        var taKey = new Option<string?>("--token-authority-key") { Description = "With --directory: its P-256 private key (PEM)" };
        var serverPid = new Option<int?>("--server-pid") { Description = "With --directory: the server's process id, to report its CPU per issuance (Linux)" };
        var command = new Command("bench", "Load test: complete TNAuthList issuances over HTTPS against a server it starts (or --directory); reports issuances/s, latency and CPU per issuance")
        {
            concurrency, count, duration, warmup, profile, http1, http2, keyPool, maxFailures, keep,
            directory, caBundle, eabKid, eabHmac, taCert, taKey, serverPid,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            var errors = new List<string>();
            int n = result.GetValue(concurrency);
            long? c = result.GetValue(count);
            double? d = result.GetValue(duration);
            string? dir = result.GetValue(directory);
            string? hmacText = result.GetValue(eabHmac);
            byte[]? hmac = null;
            Check(n is >= 1 and <= 4096, "--concurrency must be 1 to 4096");
            Check(c is null or >= 1, "--count must be at least 1");
            Check(d is null or > 0, "--duration must be positive");
            Check(result.GetValue(warmup) >= 0, "--warmup must be 0 or more");
            Check(!(result.GetValue(http1) && result.GetValue(http2)), "--http1 and --http2 exclude each other");
            Check(result.GetValue(keyPool) >= 0, "--key-pool must be 0 or more");
            Check(result.GetValue(maxFailures) >= 0, "--max-failures must be 0 or more");
            if (dir is null)
            {
                Check(result.GetValue(caBundle) is null && result.GetValue(eabKid) is null && hmacText is null && result.GetValue(taCert) is null
                      && result.GetValue(taKey) is null && result.GetValue(serverPid) is null,
                    "--ca-bundle, --eab-*, --token-authority-* and --server-pid apply only with --directory");
                Check(result.GetValue(CliOptions.DataDir) is null, "bench starts its own server in a temporary folder; --data-dir applies only with --directory (to create EAB keys there)");
            }
            else
            {
                Check(Uri.TryCreate(dir, UriKind.Absolute, out Uri? u) && u.Scheme == Uri.UriSchemeHttps, "--directory must be an https:// URL");
                Check(result.GetValue(caBundle) is { } b && File.Exists(b), "--directory needs --ca-bundle PEM (an existing file)");
                Check(result.GetValue(taCert) is { } tc && File.Exists(tc) && result.GetValue(taKey) is { } tk && File.Exists(tk),
                    "--directory needs --token-authority-cert and --token-authority-key (PEM files of a token authority the server trusts)");
                Check((result.GetValue(eabKid) is null) == (hmacText is null), "give --eab-kid and --eab-hmac together");
                if (hmacText is not null && !Base64Url.TryDecode(hmacText, out hmac))
                {
                    errors.Add("--eab-hmac must be base64url");
                }
            }

            if (errors.Count > 0)
            {
                return CliOutput.Error(json, ExitCodes.Usage, "invalid bench options", errors);
            }

            var settings = new BenchSettings
            {
                Concurrency = n,
                Count = c ?? (d is null ? 5000 : null),
                Duration = d is double seconds ? TimeSpan.FromSeconds(seconds) : null,
                Warmup = result.GetValue(warmup),
                Profile = result.GetValue(profile),
                Http2 = !result.GetValue(http1),
                KeyPool = result.GetValue(keyPool),
                MaxFailures = result.GetValue(maxFailures),
                KeepData = result.GetValue(keep),
                ConfigDirectory = result.GetValue(CliOptions.ConfigDir),
                DirectoryUrl = dir,
                CaBundle = result.GetValue(caBundle),
                EabKid = result.GetValue(eabKid),
                EabHmac = hmac,
                ServerDataDirectory = dir is null ? null : result.GetValue(CliOptions.DataDir),
                TokenAuthorityCertificate = result.GetValue(taCert),
                TokenAuthorityKey = result.GetValue(taKey),
                ServerPid = result.GetValue(serverPid),
            };

            BenchResult report;
            try
            {
                report = await new BenchRunner(settings, Console.Error).RunAsync(cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or BenchStepException or HttpRequestException or IOException
                                          or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                return CliOutput.Error(json, ExitCodes.Failure, "bench could not run: " + e.Message);
            }

            CliOutput.Result(json, report.ToJson(), report.ToText());
            return report.Aborted || report.Issuances == 0 ? ExitCodes.Failure : ExitCodes.Success;

            void Check(bool ok, string message)
            {
                if (!ok)
                {
                    errors.Add(message);
                }
            }
        });
        return command;
    }
}
