using System.Text.RegularExpressions;
using TnAcme.Acme.Jose;
using TnAcme.Stir;

namespace TnAcme.Server.Tests.Interop;

/// <summary>
/// Debian's uacme (1.7, libcurl-gnutls) against the server: account creation with EAB, contact update, key change,
/// a refused dns order, deactivation.
/// </summary>
/// <remarks>
/// uacme has no option naming a CA file, and libcurl reads no environment variable for one (CURL_CA_BUNDLE and
/// SSL_CERT_FILE are the curl tool's, not the library's): it trusts what /etc/ssl/certs holds. So each run sees, in a
/// private mount namespace of its own (unshare), a folder holding only the dev root bind-mounted over /etc/ssl/certs.
/// TLS is verified for real and the machine's trust store is never touched.
/// </remarks>
[Collection(ServerCollection.Name)]
public sealed partial class UacmeInteropTests
{
    private const string Uacme = "/usr/bin/uacme";
    private const string Unshare = "/usr/bin/unshare";

    private readonly ServerFixture _fixture;

    public UacmeInteropTests(ServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Uacme_creates_with_eab_updates_contact_changes_key_is_refused_a_dns_order_and_deactivates()
    {
        ExternalClient.Require(Uacme, "uacme");
        ExternalClient.Require(Unshare, "util-linux");
        string dir = Path.Combine(_fixture.DataDirectory, "uacme-" + Guid.NewGuid().ToString("N")[..8]);
        string trust = Path.Combine(dir, "trust");
        Directory.CreateDirectory(trust);
        File.Copy(Path.Combine(_fixture.DataDirectory, "ca", "root.crt.pem"), Path.Combine(trust, "ca-certificates.crt"));
        ClientRun probe = await ExternalClient.RunAsync(Unshare, ["--mount", "--map-root-user", "true"]);
        Assert.True(probe.ExitCode == 0,
            $"uacme can only be made to trust the dev root through a private mount namespace, which this machine refuses:\n{probe}");
        string confDir = Path.Combine(dir, "conf");
        string keyPath = Path.Combine(confDir, "private", "key.pem");
        var eab = await _fixture.NewEabKeyAsync("Uacme Carrier");

        ClientRun created = await UacmeAsync(trust, confDir, "-t", "EC", "-y", "-e", $"{eab.KeyId}:{Base64Url.Encode(eab.HmacKey)}", "new", "pki@uacme.example");
        Assert.True(created.ExitCode == 0, created.ToString());
        string accountUrl = AccountCreated().Match(created.Output) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException(created.ToString());
        JwsSigner firstKey = ExternalClient.SignerFromPem(keyPath);
        Assert.Equal("ES256", firstKey.Algorithm);
        await ExternalClient.AssertAccountAsync(_fixture, firstKey, accountUrl, "mailto:pki@uacme.example");

        ClientRun update = await UacmeAsync(trust, confDir, "update", "noc@uacme.example");
        Assert.True(update.ExitCode == 0, update.ToString());
        await ExternalClient.AssertAccountAsync(_fixture, firstKey, accountUrl, "mailto:noc@uacme.example");

        // Key change (RFC 8555 §7.3.5): uacme keeps the old key as key-<time>.pem; the server now knows only the new one.
        ClientRun newKey = await UacmeAsync(trust, confDir, "-t", "EC", "newkey");
        Assert.True(newKey.ExitCode == 0, newKey.ToString());
        Assert.Contains("account key changed", newKey.Output, StringComparison.Ordinal);
        JwsSigner secondKey = ExternalClient.SignerFromPem(keyPath);
        Assert.NotEqual(firstKey.PublicKey.ThumbprintBase64Url, secondKey.PublicKey.ThumbprintBase64Url);
        Assert.Single(Directory.GetFiles(Path.Combine(confDir, "private"), "key-*.pem"));
        AcmeReply oldKey = await ExternalClient.FindAccountAsync(_fixture, firstKey);
        Assert.True(oldKey.ProblemType == "urn:ietf:params:acme:error:accountDoesNotExist", oldKey.ToString());
        await ExternalClient.AssertAccountAsync(_fixture, secondKey, accountUrl, "mailto:noc@uacme.example");

        // uacme prints the server's problem document as it received it.
        ClientRun dns = await UacmeAsync(trust, confDir, "-t", "EC", "issue", "example.com");
        Assert.True(dns.ExitCode == 2, dns.ToString());
        Assert.True(dns.Output.Contains("\"type\": \"urn:ietf:params:acme:error:rejectedIdentifier\"", StringComparison.Ordinal), dns.ToString());
        Assert.True(dns.Output.Contains("\"value\": \"example.com\"", StringComparison.Ordinal), dns.ToString());
        Assert.True(dns.Output.Contains("TNAuthList identifiers", StringComparison.Ordinal), dns.ToString());

        ClientRun deactivate = await UacmeAsync(trust, confDir, "deactivate");
        Assert.True(deactivate.ExitCode == 0, deactivate.ToString());
        Assert.Contains($"account at {accountUrl} deactivated", deactivate.Output, StringComparison.Ordinal);
        await ExternalClient.AssertDeactivatedAsync(_fixture, secondKey, accountUrl);

        // uacme too sees the account refused from now on.
        ClientRun after = await UacmeAsync(trust, confDir, "update", "pki@uacme.example");
        Assert.True(after.ExitCode == 2 && after.Output.Contains("urn:ietf:params:acme:error:unauthorized", StringComparison.Ordinal), after.ToString());
    }

    /// <summary>uacme -v against the fixture's server, in a mount namespace where /etc/ssl/certs is <paramref name="trust"/>.</summary>
    private Task<ClientRun> UacmeAsync(string trust, string confDir, params string[] arguments) =>
        ExternalClient.RunAsync(Unshare,
        [
            "--mount", "--map-root-user", "/bin/sh", "-c", "mount --bind \"$0\" /etc/ssl/certs && exec \"$@\"", trust,
            Uacme, "-v", "-a", _fixture.Server.DirectoryUrl, "-c", confDir, .. arguments,
        ]);

    [GeneratedRegex(@"account created at (\S+)")]
    private static partial Regex AccountCreated();
}
