using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Passport.Tests.Support;

/// <summary>An issued STIR certificate with its private key and chain, and the same written to files for the tools.</summary>
internal sealed class StirCredential : IDisposable
{
    public StirCredential(ECDsa key, X509Certificate2 leaf, X509Certificate2 issuing, string keyPath, string chainPath, string rootPath)
    {
        Key = key;
        Leaf = leaf;
        Issuing = issuing;
        KeyPath = keyPath;
        ChainPath = chainPath;
        RootPath = rootPath;
    }

    public ECDsa Key { get; }

    public X509Certificate2 Leaf { get; }

    public X509Certificate2 Issuing { get; }

    /// <summary>PKCS#8 PEM of <see cref="Key"/>.</summary>
    public string KeyPath { get; }

    /// <summary>PEM: leaf, then the issuing CA (what x5u would serve).</summary>
    public string ChainPath { get; }

    /// <summary>PEM of the root CA alone (the trust anchor).</summary>
    public string RootPath { get; }

    public IReadOnlyList<X509Certificate2> Chain => [Leaf, Issuing];

    public void Dispose()
    {
        Key.Dispose();
        Leaf.Dispose();
        Issuing.Dispose();
    }
}
