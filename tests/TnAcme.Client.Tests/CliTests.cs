using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Client.Tests.Support;
using TnAcme.Stir;

namespace TnAcme.Client.Tests;

/// <summary>The client verbs of the real tnacme command line, as a separate process, against a server started here.</summary>
[Collection(ServerCollection.Name)]
public sealed class CliTests : IDisposable
{
    private readonly ServerFixture _server;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tnacme-client-cli-" + Guid.NewGuid().ToString("N"));

    public CliTests(ServerFixture server)
    {
        _server = server;
        Directory.CreateDirectory(_dir);
    }

    private string ClientDir => Path.Combine(_dir, "client");

    private Task<JsonObject> Tnacme(int expectedExit, params string[] arguments) =>
        TnAcmeProcess.Default.RunJsonAsync(expectedExit, [.. arguments, "--client-dir", ClientDir]);

    private async Task<JsonObject> RegisterAsync()
    {
        var eab = await _server.NewEabKeyAsync();
        return await Tnacme(0, "account", "register", "--server", _server.DirectoryUrl, "--ca-bundle", _server.RootPemPath,
            "--eab-kid", eab.KeyId, "--eab-hmac", Base64Url.Encode(eab.HmacKey), "--contact", "mailto:pki@carrier.example");
    }

    private string TokenFile(string name, JsonObject account, TnAuthList list)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, _server.TokenAuthority.Mint(list, Base64Url.Decode((string)account["thumbprint"]!)));
        return path;
    }

    [Fact]
    public async Task Register_and_order_with_a_token_file_then_renew_revoke_and_key_change()
    {
        JsonObject account = await RegisterAsync();
        Assert.Equal("valid", (string?)account["status"]);
        Assert.True((bool)account["created"]!);
        Assert.StartsWith(_server.DirectoryUrl.Replace("/directory", string.Empty, StringComparison.Ordinal), (string?)account["accountUrl"], StringComparison.Ordinal);
        Assert.Matches("^SHA256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$", (string?)account["fingerprint"]);
        AssertMode(Path.Combine(ClientDir, "account-key.pem"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.True(File.Exists(Path.Combine(ClientDir, "server-ca.pem")));

        // A second register into the same folder is refused: one account per client folder.
        JsonObject again = await TnAcmeProcess.Default.RunJsonAsync(5, "account", "register", "--server", _server.DirectoryUrl, "--client-dir", ClientDir);
        Assert.Contains("already holds an account", (string?)again["error"], StringComparison.Ordinal);

        TnAuthList spc = TnAuthList.Create(TnEntry.OfSpc("4101"));
        string token = TokenFile("spc.jwt", account, spc);
        JsonObject issued = await Tnacme(0, "order", "--spc", "4101", "--organization", "Example Carrier", "--token-file", token);
        Assert.Equal("spc-4101", (string?)issued["name"]);
        Assert.Equal("shaken-sp", (string?)issued["profile"]);
        Assert.Equal(TnAuthListIdentifier.Encode(spc), (string?)issued["tnAuthList"]);
        Assert.StartsWith("https://127.0.0.1:", (string?)issued["x5u"], StringComparison.Ordinal);
        string chain = (string)issued["chain"]!;
        string key = (string)issued["key"]!;
        Assert.Equal(Path.Combine(ClientDir, "certificates", "spc-4101", "chain.pem"), chain);
        AssertMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using (X509Certificate2 leaf = X509Certificate2.CreateFromPemFile(chain, key))
        {
            Assert.True(leaf.HasPrivateKey);
            Assert.Equal("CN=SHAKEN 4101, O=Example Carrier, C=US", leaf.Subject);
            Assert.Equal((string?)issued["serial"], leaf.SerialNumber);
        }

        // Ordering the same name again is refused; renew is the way.
        JsonObject duplicate = await Tnacme(5, "order", "--spc", "4101", "--token-file", token);
        Assert.Contains("renew", (string?)duplicate["error"], StringComparison.Ordinal);

        JsonObject renewed = await Tnacme(0, "renew", "--cert", chain);
        Assert.Equal((string?)issued["serial"], (string?)renewed["previousSerial"]);
        Assert.NotEqual((string?)issued["serial"], (string?)renewed["serial"]);
        AssertMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // Renewing everything: a fresh certificate is not due.
        JsonObject sweep = await Tnacme(0, "renew");
        Assert.Empty(sweep["renewed"]!.AsArray());
        Assert.Equal("spc-4101", (string?)sweep["notDue"]![0]);

        JsonObject revoked = await Tnacme(0, "revoke", "--cert", chain, "--reason", "keyCompromise");
        Assert.Equal((string?)renewed["serial"], (string?)revoked["serial"]);
        Assert.Equal("keyCompromise", (string?)revoked["reason"]);
        JsonObject twice = await Tnacme(6, "revoke", "--name", "spc-4101", "--cert-key", key);
        Assert.Equal("urn:ietf:params:acme:error:alreadyRevoked", (string?)twice["problem"]!["type"]);

        JsonObject changed = await Tnacme(0, "account", "key-change");
        Assert.Equal((string?)account["fingerprint"], (string?)changed["previousFingerprint"]);
        Assert.NotEqual((string?)account["fingerprint"], (string?)changed["fingerprint"]);
        AssertMode(Path.Combine(ClientDir, "account-key.pem"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        JsonObject shown = await Tnacme(0, "account", "show");
        Assert.Equal((string?)changed["fingerprint"], (string?)shown["fingerprint"]);
        Assert.Equal("spc-4101", (string?)shown["certificates"]![0]);

        JsonObject updated = await Tnacme(0, "account", "update", "--contact", "mailto:noc@carrier.example");
        Assert.Equal("mailto:noc@carrier.example", (string?)updated["contact"]![0]);

        await Tnacme(2, "account", "deactivate");
        JsonObject deactivated = await Tnacme(0, "account", "deactivate", "--yes");
        Assert.Equal("deactivated", (string?)deactivated["status"]);
        JsonObject refused = await Tnacme(6, "account", "show");
        Assert.Equal("urn:ietf:params:acme:error:unauthorized", (string?)refused["problem"]!["type"]);
    }

    [Fact]
    public async Task Order_takes_the_numbers_from_a_token_file_and_a_token_command()
    {
        JsonObject account = await RegisterAsync();
        TnAuthList numbers = TnAuthList.Create(TnEntry.OfNumber("12025550100"), TnEntry.OfRange("12025550200", 50));
        string token = TokenFile("tn.jwt", account, numbers);
        JsonObject issued = await Tnacme(0, "order", "--token-file", token);
        Assert.Equal("tn-12025550100_range-12025550200+50", (string?)issued["name"]);
        Assert.Equal("tn-shortlived", (string?)issued["profile"]);

        string out2 = Path.Combine(_dir, "device");
        JsonObject viaCommand = await Tnacme(0, "order", "--tn", "12025550100", "--range", "12025550200+50", "--out", out2, "--token-command", $"cat '{token}'");
        Assert.Equal(Path.Combine(out2, "chain.pem"), (string?)viaCommand["chain"]);
        AssertMode(Path.Combine(out2, "key.pem"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.True(File.Exists(Path.Combine(out2, "certificate.json")));

        // Entries in another order are another TNAuthList: the token cannot answer it, and nothing reaches the CA.
        JsonObject mismatch = await Tnacme(8, "order", "--range", "12025550200+50", "--tn", "12025550100", "--name", "swapped", "--token-file", token);
        Assert.Contains("not the ordered", (string?)mismatch["error"], StringComparison.Ordinal);

        JsonObject failing = await Tnacme(8, "order", "--spc", "4201", "--token-command", "echo no token today >&2; exit 1");
        Assert.Contains("no token today", (string?)failing["error"], StringComparison.Ordinal);

        JsonObject noSource = await Tnacme(2, "order", "--spc", "4201");
        Assert.Contains("--token-file", (string?)noSource["error"], StringComparison.Ordinal);

        JsonObject badNumber = await Tnacme(4, "order", "--tn", "+1 202 555", "--token-file", token);
        Assert.Contains("--tn", (string?)badNumber["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_server_and_missing_account_have_their_own_exit_codes()
    {
        JsonObject noAccount = await Tnacme(5, "account", "show");
        Assert.Contains("account register", (string?)noAccount["error"], StringComparison.Ordinal);

        var eab = await _server.NewEabKeyAsync();
        JsonObject unreachable = await Tnacme(7, "account", "register", "--server", "https://127.0.0.1:9/acme/directory",
            "--eab-kid", eab.KeyId, "--eab-hmac", Base64Url.Encode(eab.HmacKey));
        Assert.Contains("cannot reach", (string?)unreachable["error"], StringComparison.Ordinal);

        // Without the CA bundle the development certificate is not trusted: a TLS failure, also a network error.
        JsonObject untrusted = await Tnacme(7, "account", "register", "--server", _server.DirectoryUrl, "--eab-kid", eab.KeyId, "--eab-hmac", Base64Url.Encode(eab.HmacKey));
        Assert.Contains("cannot reach", (string?)untrusted["error"], StringComparison.Ordinal);

        var help = await TnAcmeProcess.Default.RunAsync("order", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--token-authority", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("TNACME_FINGERPRINT", help.Stdout, StringComparison.Ordinal);
    }

    private static void AssertMode(string path, UnixFileMode expected)
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(expected, File.GetUnixFileMode(path));
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
