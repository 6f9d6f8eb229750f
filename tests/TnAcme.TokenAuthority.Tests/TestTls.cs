using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TnAcme.TokenAuthority.Tests;

/// <summary>A throwaway TLS root and a 127.0.0.1 server certificate it signed, for a real HTTPS listener.</summary>
public sealed class TestTls : IDisposable
{
    public TestTls()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=TA test TLS root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        using X509Certificate2 rootWithKey = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(2));
        Root = X509CertificateLoader.LoadCertificate(rootWithKey.RawData);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(rootWithKey, true, false));
        using X509Certificate2 leaf = request.Create(rootWithKey, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), [7, 7, 7, 7]);
        using X509Certificate2 leafWithKey = leaf.CopyWithPrivateKey(key);

        // Kestrel on Linux wants a key that is not ephemeral; a PKCS#12 round trip gives one.
        Server = X509CertificateLoader.LoadPkcs12(leafWithKey.Export(X509ContentType.Pkcs12), null);
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Server { get; }

    public void Dispose()
    {
        Root.Dispose();
        Server.Dispose();
    }
}
