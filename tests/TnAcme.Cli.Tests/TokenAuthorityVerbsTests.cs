using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.TokenAuthority;
using TnAcme.TokenAuthority.Http;

namespace TnAcme.Cli.Tests;

/// <summary>The token-authority verbs as an operator and a carrier run them: ta account/grant/list, token request.</summary>
public sealed class TokenAuthorityVerbsTests : IDisposable
{
    private const string Fingerprint = "SHA256 49:55:78:7F:42:17:81:67:99:48:DC:54:21:DA:F4:79:C7:41:29:06:BF:A5:38:DF:9E:01:97:6A:2C:53:CC:3B";
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "tnacme-cli-ta-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task An_operator_creates_an_account_grants_and_lists_with_exit_codes_for_mistakes()
    {
        JsonObject created = await TnAcmeProcess.Default.RunJsonAsync(0, "ta", "account", "create", "--data-dir", _dataDir, "--name", "Carrier X", "--id", "281K");
        Assert.Equal("281K", (string?)created["id"]);
        string key = (string)created["apiKey"]!;
        Assert.StartsWith("tnta_", key, StringComparison.Ordinal);

        JsonObject granted = await TnAcmeProcess.Default.RunJsonAsync(0, "ta", "grant", "--data-dir", _dataDir, "--account", "281K", "--spc", "281K", "--range", "12025550100+100", "--tn", "12025550999");
        Assert.Equal(3, granted["grants"]!.AsArray().Count);

        await TnAcmeProcess.Default.RunJsonAsync(5, "ta", "account", "create", "--data-dir", _dataDir, "--name", "Again", "--id", "281K");
        await TnAcmeProcess.Default.RunJsonAsync(5, "ta", "grant", "--data-dir", _dataDir, "--account", "nobody", "--spc", "1234");
        await TnAcmeProcess.Default.RunJsonAsync(4, "ta", "grant", "--data-dir", _dataDir, "--account", "281K", "--range", "12025550100");
        await TnAcmeProcess.Default.RunJsonAsync(2, "ta", "grant", "--data-dir", _dataDir, "--account", "281K");
        await TnAcmeProcess.Default.RunJsonAsync(5, "ta", "revoke", "--data-dir", _dataDir, "--account", "281K", "--range", "12025550100+10");
        await TnAcmeProcess.Default.RunJsonAsync(0, "ta", "revoke", "--data-dir", _dataDir, "--account", "281K", "--tn", "12025550999");

        var (exit, stdout, _) = await TnAcmeProcess.Default.RunAsync("ta", "list", "--data-dir", _dataDir, "--json");
        Assert.Equal(0, exit);
        Assert.DoesNotContain(key[5..], stdout, StringComparison.Ordinal);
        JsonObject account = JsonNode.Parse(stdout)!["accounts"]!.AsArray().Single()!.AsObject();
        Assert.Equal(["spc:281K", "range:12025550100+100"], account["grants"]!.AsArray().Select(g => $"{g!["type"]}:{g["value"]}"));
    }

    [Fact]
    public async Task A_carrier_requests_a_token_and_a_refusal_exits_3()
    {
        JsonObject created = await TnAcmeProcess.Default.RunJsonAsync(0, "ta", "account", "create", "--data-dir", _dataDir, "--name", "Carrier X", "--id", "281K");
        string key = (string)created["apiKey"]!;
        await TnAcmeProcess.Default.RunJsonAsync(0, "ta", "grant", "--data-dir", _dataDir, "--account", "281K", "--spc", "281K");

        int port = FreePort();
        var baseUri = new Uri($"https://127.0.0.1:{port}");
        using var tls = new LoopbackTls();
        string bundle = Path.Combine(_dataDir, "tls-root.pem");
        await File.WriteAllTextAsync(bundle, tls.Root.ExportCertificatePem() + "\n");
        using TnAcme.TokenAuthority.TokenAuthority ta = await TnAcme.TokenAuthority.TokenAuthority.OpenAsync(
            new TokenAuthorityOptions { Directory = Path.Combine(_dataDir, "ta"), BaseUri = baseUri });
        await using TokenAuthorityHost host = await TokenAuthorityHost.StartAsync(ta, baseUri, tls.Server);

        var (exit, stdout, stderr) = await TnAcmeProcess.Default.RunAsync(
            "token", "request", "--data-dir", _dataDir, "--token-authority", baseUri.ToString(), "--ta-account", "281K", "--ta-key", key,
            "--spc", "281K", "--fingerprint", Fingerprint, "--ca-bundle", bundle);
        Assert.True(exit == 0, stderr);
        Assert.Equal(3, stdout.Trim().Split('.').Length);

        var withEnv = new TnAcmeProcess(new Dictionary<string, string> { ["TNACME_TA_KEY"] = key });
        JsonObject json = await withEnv.RunJsonAsync(0,
            "token", "request", "--data-dir", _dataDir, "--token-authority", baseUri.ToString(), "--ta-account", "281K",
            "--tnauthlist", "MAigBhYEMjgxSw==", "--fingerprint", Fingerprint, "--ca-bundle", bundle);
        Assert.Equal("MAigBhYEMjgxSw", (string?)json["tnAuthList"]);
        Assert.Equal(ta.Urls.Crl, (string?)json["crl"]);

        JsonObject refused = await TnAcmeProcess.Default.RunJsonAsync(3,
            "token", "request", "--data-dir", _dataDir, "--token-authority", baseUri.ToString(), "--ta-account", "281K", "--ta-key", key,
            "--tn", "12025550100", "--fingerprint", Fingerprint, "--ca-bundle", bundle);
        Assert.Contains("not granted", (string)refused["error"]!, StringComparison.Ordinal);

        await TnAcmeProcess.Default.RunJsonAsync(4,
            "token", "request", "--data-dir", _dataDir, "--token-authority", baseUri.ToString(), "--ta-account", "281K", "--ta-key", key,
            "--spc", "281K", "--fingerprint", "SHA256 nonsense", "--ca-bundle", bundle);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A throwaway TLS root and a 127.0.0.1 server certificate, for the in-process token authority.</summary>
    private sealed class LoopbackTls : IDisposable
    {
        public LoopbackTls()
        {
            // One clock reading: two UtcNow calls a second apart put the leaf's notAfter past the root's.
            DateTimeOffset now = DateTimeOffset.UtcNow;
            using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var rootRequest = new CertificateRequest("CN=CLI test TLS root", rootKey, HashAlgorithmName.SHA256);
            rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using X509Certificate2 root = rootRequest.CreateSelfSigned(now.AddHours(-1), now.AddDays(2));
            Root = X509CertificateLoader.LoadCertificate(root.RawData);

            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            using X509Certificate2 leaf = request.Create(root, now.AddHours(-1), now.AddDays(1), [9, 9, 9]);
            using X509Certificate2 withKey = leaf.CopyWithPrivateKey(key);
            Server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }

        public X509Certificate2 Root { get; }

        public X509Certificate2 Server { get; }

        public void Dispose()
        {
            Root.Dispose();
            Server.Dispose();
        }
    }
}
