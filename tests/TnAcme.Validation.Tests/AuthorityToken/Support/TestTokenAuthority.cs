using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Validation.Tests.AuthorityToken.Support;

/// <summary>A token authority of our own: a P-256 root and a token-signing certificate under it.</summary>
internal sealed class TestTokenAuthority : IDisposable
{
    public TestTokenAuthority(string name)
    {
        Root = TestCertificates.CreateRoot($"{name} Root");
        SignerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Signer = TestCertificates.Issue(Root, $"{name} Token Signer", SignerKey);
    }

    /// <summary>The root, with its private key (to issue more certificates in a test).</summary>
    public X509Certificate2 Root { get; }

    public X509Certificate2 Signer { get; }

    public ECDsa SignerKey { get; }

    /// <summary>The x5u body: signer first, then the root.</summary>
    public string ChainPem => TestCertificates.Pem(Signer, Root);

    public X509Certificate2 PublicRoot() => X509CertificateLoader.LoadCertificate(Root.RawData);

    public void Dispose()
    {
        Signer.Dispose();
        SignerKey.Dispose();
        Root.Dispose();
    }
}
