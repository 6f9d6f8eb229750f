using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Issuance.Hierarchy;

namespace TnAcme.Server;

/// <summary>
/// The embedded default's HTTPS certificate: a P-256 TLS server certificate for localhost, 127.0.0.1 and ::1,
/// signed by the development root, so clients trust one bundle (the root) for both ACME and STIR.
/// </summary>
public static class DevelopmentTls
{
    public static X509Certificate2 Ensure(CaDataFolder folder, IEnumerable<string> extraNames)
    {
        string dir = Path.Combine(folder.Root, "tls");
        string certPath = Path.Combine(dir, "server.crt.pem");
        string keyPath = Path.Combine(dir, "server.key.pem");
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            var existing = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            if (existing.NotAfter > DateTime.UtcNow.AddDays(7))
            {
                return Reload(existing);
            }
        }

        Directory.CreateDirectory(dir);
        using var root = X509Certificate2.CreateFromPemFile(folder.RootCertificatePath, folder.RootKeyPath);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=TnAcme development server", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (string name in extraNames)
        {
            if (IPAddress.TryParse(name, out IPAddress? ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        byte[] serial = TnAcme.Issuance.SerialNumbers.Next();
        using X509Certificate2 cert = request.Create(root, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(365), serial);
        CaDataFolder.WriteSecret(keyPath, key.ExportPkcs8PrivateKeyPem());
        CaDataFolder.WriteAtomically(certPath, cert.ExportCertificatePem() + "\n");
        return Reload(X509Certificate2.CreateFromPemFile(certPath, keyPath));
    }

    /// <summary>Kestrel on Linux wants a certificate whose key is not ephemeral; a PKCS#12 round trip gives that.</summary>
    private static X509Certificate2 Reload(X509Certificate2 cert)
    {
        using (cert)
        {
            return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
        }
    }
}
