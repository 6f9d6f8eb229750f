using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Issuance.Linting;
using TnAcme.Issuance.Signing;
using TnAcme.Issuance.Tests.Support;
using TnAcme.Stir;
using TnAcme.Testing;

namespace TnAcme.Issuance.Tests.Interop;

/// <summary>RFC 9060: a delegate CA issued by TnAcme issues in turn, only inside its own TNAuthList.</summary>
public sealed class DelegateChainTests : IAsyncLifetime
{
    private TestCa _ca = null!;

    public async Task InitializeAsync() => _ca = await TestCa.CreateAsync();

    public Task DisposeAsync()
    {
        _ca.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Delegate_ca_issues_inside_its_scope_and_openssl_verifies_four_levels()
    {
        TnAuthList scope = TnAuthList.Create(TnEntry.OfRange("12125551000", 1000));
        var delegateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        IssuedCertificate delegateCert = await _ca.Issuer.IssueAsync(new IssuanceRequest
        {
            ProfileName = "delegate-ca",
            SubjectPublicKeyInfo = delegateKey.ExportSubjectPublicKeyInfo(),
            TnAuthList = scope,
            Organization = "Enterprise",
            AuthorizedScope = scope,
        });

        using var delegateAuthority = new IssuingAuthority(
            X509CertificateLoader.LoadCertificate(delegateCert.Der),
            [X509CertificateLoader.LoadCertificate(_ca.Authority.Certificate.RawData)],
            new SoftwareSigner(delegateKey));
        Assert.Equal(scope, delegateAuthority.TnAuthList);
        var issuer = new CertificateIssuer(delegateAuthority, _ca.Profiles);

        IssuedCertificate leaf = await issuer.IssueAsync(new IssuanceRequest
        {
            ProfileName = "tn-shortlived",
            SubjectPublicKeyInfo = TestCa.NewP256SubjectPublicKeyInfo(),
            TnAuthList = TnAuthList.Create(TnEntry.OfNumber("12125551824")),
        });

        string leafPath = _ca.Scratch.File("leaf.pem"), untrusted = _ca.Scratch.File("untrusted.pem");
        await File.WriteAllTextAsync(leafPath, PemEncoding.WriteString("CERTIFICATE", leaf.Der) + "\n");
        await File.WriteAllTextAsync(untrusted,
            PemEncoding.WriteString("CERTIFICATE", delegateCert.Der) + "\n" + await File.ReadAllTextAsync(_ca.Folder.IssuingCertificatePath));
        var verify = await ExternalTool.RunAsync("openssl", "verify", "-x509_strict", "-CAfile", _ca.Folder.RootCertificatePath, "-untrusted", untrusted, leafPath);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);

        var outside = Assert.Throws<CertificateLintException>(() => issuer.Prepare(new IssuanceRequest
        {
            ProfileName = "tn-shortlived",
            SubjectPublicKeyInfo = TestCa.NewP256SubjectPublicKeyInfo(),
            TnAuthList = TnAuthList.Create(TnEntry.OfNumber("12125552000")),
        }));
        Assert.Contains(outside.Findings, f => f.Rule == "e_tnauthlist_not_encompassed" && f.Message.Contains("issuing CA", StringComparison.Ordinal));
    }
}
