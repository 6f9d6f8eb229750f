using System.Text.Json.Nodes;
using TnAcme.Passport.Tests.Support;
using TnAcme.Stir;

namespace TnAcme.Passport.Tests;

/// <summary>tnacme passport sign / verify, run as a child process against certificates from the test CA.</summary>
public sealed class PassportCliTests : IClassFixture<PassportCa>, IAsyncLifetime
{
    private const string X5u = "https://cert.example.org/chain.pem";
    private const int Invalid = 9;
    private readonly PassportCa _ca;
    private StirCredential _cred = null!;

    public PassportCliTests(PassportCa ca) => _ca = ca;

    public async Task InitializeAsync() => _cred = await _ca.IssueNumbersAsync(TnAuthList.Create(TnEntry.OfNumber("12025550100")));

    public Task DisposeAsync()
    {
        _cred.Dispose();
        return Task.CompletedTask;
    }

    private async Task<string> SignAsync(params string[] extra)
    {
        var (exit, stdout, stderr) = await ChildProcess.TnAcmeAsync(
            ["passport", "sign", "--key", _cred.KeyPath, "--x5u", X5u, "--orig", "12025550100", "--dest", "12025550199", .. extra]);
        Assert.True(exit == 0, $"sign exit {exit}\n{stdout}\n{stderr}");
        return stdout.Trim();
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> VerifyAsync(StirCredential cred, params string[] source) =>
        ChildProcess.TnAcmeAsync(["passport", "verify", .. source, "--cert", cred.ChainPath, "--ca-file", cred.RootPath]);

    [Fact]
    public async Task Sign_then_verify_the_compact_form()
    {
        string jws = await SignAsync("--attest", "A");
        Assert.Equal(3, jws.Split('.').Length);

        var (exit, stdout, stderr) = await VerifyAsync(_cred, "--passport", jws);
        Assert.True(exit == 0, stdout + stderr);
        Assert.StartsWith("PASSporT valid", stdout, StringComparison.Ordinal);
        Assert.Contains("pass          orig: orig 12025550100 is in the certificate's TNAuthList [one:12025550100]", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_identity_then_verify_identity_and_file_with_json()
    {
        string header = await SignAsync("--identity", "--origid", "123e4567-e89b-12d3-a456-426655440000");
        Assert.EndsWith($";info=<{X5u}>;alg=ES256;ppt=shaken", header, StringComparison.Ordinal);

        var (exit, stdout, _) = await VerifyAsync(_cred, "--identity", header, "--json");
        Assert.Equal(0, exit);
        JsonObject result = JsonNode.Parse(stdout)!.AsObject();
        Assert.True((bool)result["valid"]!);
        Assert.Equal("valid", (string?)result["verdict"]);
        Assert.Equal("123e4567-e89b-12d3-a456-426655440000", (string?)result["payload"]!["origid"]);
        Assert.Equal("C", (string?)result["payload"]!["attest"]);
        Assert.Contains(result["checks"]!.AsArray(), c => (string?)c!["name"] == "identity-header" && (string?)c["outcome"] == "pass");

        string file = _ca.Scratch.File(Guid.NewGuid().ToString("N") + ".identity");
        await File.WriteAllTextAsync(file, "Identity: " + header + "\n");
        Assert.Equal(0, (await VerifyAsync(_cred, "--file", file)).ExitCode);
    }

    [Fact]
    public async Task Sign_json_shows_the_signed_header_and_payload()
    {
        JsonObject signed = JsonNode.Parse(await SignAsync("--json", "--ppt", "none", "--iat", "1700000000", "--dest", "+1 202 555 0198"))!.AsObject();
        Assert.Equal("""{"alg":"ES256","typ":"passport","x5u":"https://cert.example.org/chain.pem"}""", signed["header"]!.ToJsonString());
        Assert.Equal("""{"dest":{"tn":["12025550198","12025550199"]},"iat":1700000000,"orig":{"tn":"12025550100"}}""", signed["payload"]!.ToJsonString());
        Assert.EndsWith(";alg=ES256", (string?)signed["identity"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orig_outside_the_tnauthlist_exits_invalid_naming_the_check()
    {
        var (exit, stdout, stderr) = await ChildProcess.TnAcmeAsync(
            "passport", "sign", "--key", _cred.KeyPath, "--x5u", X5u, "--orig", "12025559999", "--dest", "12025550199");
        Assert.Equal(0, exit);

        (exit, stdout, stderr) = await VerifyAsync(_cred, "--passport", stdout.Trim());
        Assert.Equal(Invalid, exit);
        Assert.Contains("tnacme: PASSporT invalid: orig: orig 12025559999 is not in the certificate's TNAuthList [one:12025550100]", stderr, StringComparison.Ordinal);
        Assert.Contains("FAIL          orig:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_iat_fails_unless_freshness_is_relaxed_or_off()
    {
        string old = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 300).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string jws = await SignAsync("--iat", old);

        var stale = await VerifyAsync(_cred, "--passport", jws, "--json");
        Assert.Equal(Invalid, stale.ExitCode);
        JsonObject result = JsonNode.Parse(stale.Stdout)!.AsObject();
        Assert.Equal("invalid", (string?)result["verdict"]);
        Assert.Equal(Invalid, (int)result["exitCode"]!);
        Assert.StartsWith("PASSporT invalid: freshness: iat", (string?)result["error"], StringComparison.Ordinal);

        Assert.Equal(0, (await VerifyAsync(_cred, "--passport", jws, "--max-age", "600")).ExitCode);
        var offline = await VerifyAsync(_cred, "--passport", jws, "--no-freshness");
        Assert.Equal(0, offline.ExitCode);
        Assert.Contains("skipped       freshness: freshness not checked (turned off)", offline.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spc_only_certificate_is_valid_but_says_orig_was_not_verified()
    {
        using StirCredential spc = await _ca.IssueSpcAsync("1234");
        var (_, jws, _) = await ChildProcess.TnAcmeAsync("passport", "sign", "--key", spc.KeyPath, "--x5u", X5u, "--orig", "12025550100", "--dest", "12025550199");

        var (exit, stdout, stderr) = await VerifyAsync(spc, "--passport", jws.Trim());
        Assert.True(exit == 0, stdout + stderr);
        Assert.StartsWith("PASSporT valid, but orig NOT verified: SPC-only certificate (SPC 1234): orig not checkable against the certificate", stdout, StringComparison.Ordinal);
        Assert.Contains("NOT-CHECKABLE orig:", stdout, StringComparison.Ordinal);

        var json = await VerifyAsync(spc, "--passport", jws.Trim(), "--json");
        Assert.Equal("valid-orig-not-checkable", (string?)JsonNode.Parse(json.Stdout)!["verdict"]);
    }

    [Theory]
    [InlineData("--passport", "a.b.c", "--file", "x")]
    [InlineData("--max-age", "10", "--no-freshness")]
    public async Task Conflicting_options_are_usage_errors(params string[] options)
    {
        string[] source = options.Contains("--passport") ? options : ["--passport", "a.b.c", .. options];
        var (exit, _, stderr) = await VerifyAsync(_cred, source);
        Assert.Equal(2, exit);
        Assert.Contains("tnacme: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_sign_inputs_are_reported()
    {
        var attest = await ChildProcess.TnAcmeAsync("passport", "sign", "--key", _cred.KeyPath, "--x5u", X5u, "--orig", "1", "--dest", "2", "--attest", "X");
        Assert.Equal(2, attest.ExitCode);
        Assert.Contains("attest must be A, B or C", attest.Stderr, StringComparison.Ordinal);

        var key = await ChildProcess.TnAcmeAsync("passport", "sign", "--key", _cred.ChainPath, "--x5u", X5u, "--orig", "1", "--dest", "2");
        Assert.Equal(4, key.ExitCode);
        Assert.Contains("cannot read an EC private key", key.Stderr, StringComparison.Ordinal);
    }
}
