using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Validation.Tests.AuthorityToken.Support;

/// <summary>Small P-256 hierarchies for tests (CertificateRequest is fine here; speed does not matter).</summary>
internal static class TestCertificates
{
    public static X509Certificate2 CreateRoot(string commonName)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=TnAcme Tests", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
    }

    /// <summary>
    /// Issues a certificate for <paramref name="subjectKey"/>. CA certificates come back with the private key attached
    /// (to issue further); end-entity ones without it (tests sign tokens with the key itself).
    /// </summary>
    public static X509Certificate2 Issue(
        X509Certificate2 issuer,
        string commonName,
        AsymmetricAlgorithm subjectKey,
        bool isCa = false,
        X509KeyUsageFlags usage = X509KeyUsageFlags.DigitalSignature,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null)
    {
        var request = subjectKey switch
        {
            ECDsa ec => new CertificateRequest($"CN={commonName}, O=TnAcme Tests", ec, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest($"CN={commonName}, O=TnAcme Tests", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("EC or RSA keys only", nameof(subjectKey)),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using ECDsa issuerKey = issuer.GetECDsaPrivateKey() ?? throw new ArgumentException("the issuer needs its private key", nameof(issuer));
        X509Certificate2 issued = request.Create(
            issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore ?? now.AddHours(-1), notAfter ?? now.AddDays(30), serial);
        if (!isCa)
        {
            return issued;
        }

        using (issued)
        {
            return issued.CopyWithPrivateKey((ECDsa)subjectKey);
        }
    }

    /// <summary>A self-signed TLS server certificate for 127.0.0.1 and localhost.</summary>
    public static X509Certificate2 CreateTlsServer()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=x5u test server", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    public static string Pem(params X509Certificate2[] certificates) =>
        string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n"));
}
