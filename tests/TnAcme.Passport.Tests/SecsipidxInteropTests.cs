using System.Text;
using TnAcme.Passport.Tests.Support;
using TnAcme.Stir;

namespace TnAcme.Passport.Tests;

/// <summary>
/// Interop with Debian's secsipidx 1.2 (the library behind Kamailio's secsipid module). Its CLI check mode never
/// fetches x5u by itself: -fpubkey names the certificate, and when that value is an http(s) URL it downloads it.
/// So the chain (leaf, issuing CA) is served from a local HTTP server at the PASSporTs' x5u, and that URL is
/// what secsipidx fetches; -cert-verify 5 (time validity | custom root CAs) with -ca-file makes it validate
/// the chain to the test root; -expire 60 bounds iat. secsipidx compares the header's x5u with the Identity
/// info parameter, but does not look at TNAuthList: that part is tnacme's.
/// </summary>
public sealed class SecsipidxInteropTests : IClassFixture<PassportCa>, IAsyncLifetime
{
    private const string Orig = "12025550100";
    private readonly PassportCa _ca;
    private StirCredential _cred = null!;
    private ChainHttpServer _x5u = null!;

    public SecsipidxInteropTests(PassportCa ca) => _ca = ca;

    public async Task InitializeAsync()
    {
        _cred = await _ca.IssueNumbersAsync(TnAuthList.Create(TnEntry.OfNumber(Orig)));
        _x5u = new ChainHttpServer("/stir/chain.pem", await File.ReadAllBytesAsync(_cred.ChainPath));
    }

    public async Task DisposeAsync()
    {
        await _x5u.DisposeAsync();
        _cred.Dispose();
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> SecsipidxCheckAsync(string identity, string caFile) =>
        ChildProcess.SecsipidxAsync("-check", "-identity", identity, "-fpubkey", _x5u.Url.AbsoluteUri,
            "-cert-verify", "5", "-ca-file", caFile, "-expire", "60", "-timeout", "5");

    private async Task<string> TnAcmeSignAsync(string orig)
    {
        var (exit, stdout, stderr) = await ChildProcess.TnAcmeAsync("passport", "sign", "--key", _cred.KeyPath, "--x5u", _x5u.Url.AbsoluteUri,
            "--orig", orig, "--dest", "12025550199", "--attest", "A", "--identity");
        Assert.True(exit == 0, stdout + stderr);
        return stdout.Trim();
    }

    private async Task<string> SecsipidxSignAsync(string orig)
    {
        var (exit, stdout, stderr) = await ChildProcess.SecsipidxAsync("-sign-full", "-orig-tn", orig, "-dest-tn", "12025550199",
            "-attest", "A", "-x5u", _x5u.Url.AbsoluteUri, "-k", _cred.KeyPath);
        Assert.True(exit == 0, $"secsipidx -sign-full exit {exit}\n{stdout}\n{stderr}");
        return stdout.Trim();
    }

    [Fact]
    public async Task A_passport_signed_by_tnacme_verifies_with_secsipidx()
    {
        string identity = await TnAcmeSignAsync(Orig);
        int before = _x5u.Requests;

        var (exit, stdout, stderr) = await SecsipidxCheckAsync(identity, _cred.RootPath);
        Assert.True(exit == 0, $"secsipidx -check exit {exit}\n{stdout}\n{stderr}\nidentity: {identity}");
        Assert.Equal("ok", stdout.Trim());
        Assert.True(_x5u.Requests > before, "secsipidx did not fetch the chain from x5u");
    }

    [Fact]
    public async Task Secsipidx_really_checks_the_chain_and_the_signature()
    {
        string identity = await TnAcmeSignAsync(Orig);

        // The same PASSporT, judged against a root that did not issue the chain.
        string otherRoot = _ca.Scratch.File("other-root.pem");
        using (var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Unrelated Root", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension(true, false, 0, true));
            using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllTextAsync(otherRoot, root.ExportCertificatePem() + "\n");
        }

        var untrusted = await SecsipidxCheckAsync(identity, otherRoot);
        Assert.NotEqual(0, untrusted.ExitCode);
        Assert.Contains("certificate signed by unknown authority", untrusted.Stdout + untrusted.Stderr, StringComparison.Ordinal);

        // A payload changed after signing (attest A → B).
        string[] parts = identity.Split(';')[0].Split('.');
        string payload = Encoding.UTF8.GetString(Base64Url.Decode(parts[1])).Replace("\"attest\":\"A\"", "\"attest\":\"B\"", StringComparison.Ordinal);
        string forged = parts[0] + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(payload)) + "." + parts[2] + identity[identity.IndexOf(';', StringComparison.Ordinal)..];
        var tampered = await SecsipidxCheckAsync(forged, _cred.RootPath);
        Assert.NotEqual(0, tampered.ExitCode);
        Assert.Contains("ECDSA verification failed", tampered.Stdout + tampered.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passport_signed_by_secsipidx_verifies_with_tnacme()
    {
        string identity = await SecsipidxSignAsync(Orig);
        Assert.EndsWith($";info=<{_x5u.Url.AbsoluteUri}>;alg=ES256;ppt=shaken", identity, StringComparison.Ordinal);

        var (exit, stdout, stderr) = await ChildProcess.TnAcmeAsync("passport", "verify", "--identity", identity,
            "--cert", _cred.ChainPath, "--ca-file", _cred.RootPath);
        Assert.True(exit == 0, $"tnacme passport verify exit {exit}\n{stdout}\n{stderr}\nidentity: {identity}");
        Assert.StartsWith("PASSporT valid", stdout, StringComparison.Ordinal);
        Assert.Contains("orig 12025550100 is in the certificate's TNAuthList [one:12025550100]", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orig_outside_the_tnauthlist_is_refused_by_tnacme_though_secsipidx_accepts_it()
    {
        foreach (string identity in new[] { await SecsipidxSignAsync("12025559999"), await TnAcmeSignAsync("12025559999") })
        {
            var (exit, stdout, stderr) = await ChildProcess.TnAcmeAsync("passport", "verify", "--identity", identity,
                "--cert", _cred.ChainPath, "--ca-file", _cred.RootPath);
            Assert.True(exit == 9, $"exit {exit}\n{stdout}\n{stderr}");
            Assert.Contains("orig: orig 12025559999 is not in the certificate's TNAuthList [one:12025550100]", stderr, StringComparison.Ordinal);

            // secsipidx checks signature and chain only (standards digest §12): the same PASSporT passes there.
            Assert.Equal(0, (await SecsipidxCheckAsync(identity, _cred.RootPath)).ExitCode);
        }
    }
}
