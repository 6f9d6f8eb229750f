using System.Text.Json.Nodes;
using TnAcme.Acme.Jose;
using TnAcme.Stir;

namespace TnAcme.Server.Tests.Interop;

/// <summary>
/// Debian's certbot (2.1) against the server: account creation with EAB, contact update, a refused dns order, deactivation.
/// certbot has no account key rollover; <see cref="UacmeInteropTests"/> covers key change.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class CertbotInteropTests
{
    private const string Certbot = "/usr/bin/certbot";

    private readonly ServerFixture _fixture;

    public CertbotInteropTests(ServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Certbot_registers_with_eab_updates_contact_is_refused_a_dns_order_and_deactivates()
    {
        ExternalClient.Require(Certbot, "certbot");
        string dir = Path.Combine(_fixture.DataDirectory, "certbot-" + Guid.NewGuid().ToString("N")[..8]);
        string configDir = Path.Combine(dir, "config");
        var eab = await _fixture.NewEabKeyAsync("Certbot Carrier");

        ClientRun register = await CertbotAsync(dir, "register", "--agree-tos", "--no-eff-email", "-m", "pki@certbot.example",
            "--eab-kid", eab.KeyId, "--eab-hmac-key", Base64Url.Encode(eab.HmacKey));
        Assert.True(register.ExitCode == 0, register.ToString());
        Assert.Contains("Account registered", register.Output, StringComparison.Ordinal);

        // certbot keeps the account key as a JWK and the account URL in regr.json; the server knows that key as that account.
        string accountDir = Path.GetDirectoryName(Directory.GetFiles(Path.Combine(configDir, "accounts"), "private_key.json", SearchOption.AllDirectories).Single())!;
        var key = JwsSigner.ForRsa(ExternalClient.RsaFromJwk(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(accountDir, "private_key.json")))!.AsObject()));
        string accountUrl = (string)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(accountDir, "regr.json")))!["uri"]!;
        Assert.StartsWith(new Uri(_fixture.Server.DirectoryUrl).GetLeftPart(UriPartial.Authority) + "/", accountUrl, StringComparison.Ordinal);
        await ExternalClient.AssertAccountAsync(_fixture, key, accountUrl, "mailto:pki@certbot.example");

        ClientRun update = await CertbotAsync(dir, "update_account", "-m", "noc@certbot.example");
        Assert.True(update.ExitCode == 0, update.ToString());
        await ExternalClient.AssertAccountAsync(_fixture, key, accountUrl, "mailto:noc@certbot.example");

        // The order is refused before any challenge, so the standalone plugin never listens. -vvv puts the server's problem
        // document on the console: certbot 2.1 on Python 3.11 itself then crashes with "AttributeError: can't set attribute"
        // while reporting any ACME error (certbot issue #9539, fixed in 2.2), so without -vvv only its log file shows it.
        ClientRun dns = await CertbotAsync(dir, "certonly", "-vvv", "--standalone", "-d", "example.com");
        Assert.True(dns.ExitCode != 0, dns.ToString());
        Assert.True(dns.Output.Contains("urn:ietf:params:acme:error:rejectedIdentifier", StringComparison.Ordinal), dns.ToString());
        Assert.True(dns.Output.Contains("Problem for example.com", StringComparison.Ordinal), dns.ToString());
        Assert.True(dns.Output.Contains("TNAuthList identifiers", StringComparison.Ordinal), dns.ToString());
        await ExternalClient.AssertAccountAsync(_fixture, key, accountUrl, "mailto:noc@certbot.example");

        ClientRun unregister = await CertbotAsync(dir, "unregister");
        Assert.True(unregister.ExitCode == 0, unregister.ToString());
        Assert.Contains("Account deactivated", unregister.Output, StringComparison.Ordinal);
        await ExternalClient.AssertDeactivatedAsync(_fixture, key, accountUrl);
    }

    /// <summary>certbot with its folders in <paramref name="dir"/>, no prompts, the fixture's server, trusting the dev root for HTTPS.</summary>
    private Task<ClientRun> CertbotAsync(string dir, string command, params string[] arguments) =>
        ExternalClient.RunAsync(Certbot,
            [
                command, "--non-interactive", "--server", _fixture.Server.DirectoryUrl,
                "--config-dir", Path.Combine(dir, "config"), "--work-dir", Path.Combine(dir, "work"), "--logs-dir", Path.Combine(dir, "logs"),
                .. arguments,
            ],
            new Dictionary<string, string> { ["REQUESTS_CA_BUNDLE"] = Path.Combine(_fixture.DataDirectory, "ca", "root.crt.pem") });
}
