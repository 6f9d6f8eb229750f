using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Stir;

namespace TnAcme.Passport.Tests.Support;

/// <summary>
/// Certificates the CA's linter would refuse or its profiles cannot make (an eJWT excluding a baseline claim, a
/// delegate CA limiting TNs), built with CertificateRequest from the test hierarchy's own keys.
/// </summary>
internal static class HandBuiltCertificates
{
    /// <summary>An end-entity certificate for <paramref name="list"/> with <paramref name="ejwt"/>, signed by the issuing CA.</summary>
    public static async Task<StirCredential> UnderIssuingCaAsync(PassportCa ca, TnAuthList list, EnhancedJwtClaimConstraints? ejwt)
    {
        using X509Certificate2 issuing = X509Certificate2.CreateFromPemFile(ca.Folder.IssuingCertificatePath, ca.Folder.IssuingKeyPath);
        return await LeafAsync(ca, issuing, list, ejwt);
    }

    /// <summary>A delegate CA (signed by the root) limited to <paramref name="caList"/>, and a leaf for <paramref name="leafList"/> under it.</summary>
    public static async Task<StirCredential> UnderDelegateCaAsync(PassportCa ca, TnAuthList caList, TnAuthList leafList)
    {
        using X509Certificate2 root = X509Certificate2.CreateFromPemFile(ca.Folder.RootCertificatePath, ca.Folder.RootKeyPath);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Delegate CA, O=Example Enterprise", caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(new X509Extension(StirOids.TnAuthList, caList.ToDer(), false));
        using X509Certificate2 unkeyed = request.Create(root, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2), RandomNumberGenerator.GetBytes(16));
        using X509Certificate2 delegateCa = unkeyed.CopyWithPrivateKey(caKey);
        return await LeafAsync(ca, delegateCa, leafList, null);
    }

    private static async Task<StirCredential> LeafAsync(PassportCa ca, X509Certificate2 issuer, TnAuthList list, EnhancedJwtClaimConstraints? ejwt)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=STIR hand-built, C=US", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509Extension(StirOids.TnAuthList, list.ToDer(), false));
        if (ejwt is not null)
        {
            request.CertificateExtensions.Add(new X509Extension(StirOids.EnhancedJwtClaimConstraints, ejwt.Encode(), false));
        }

        using X509Certificate2 leaf = request.Create(issuer, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        string name = Convert.ToHexString(leaf.GetSerialNumber());
        string keyPath = ca.Scratch.File(name + ".key.pem"), chainPath = ca.Scratch.File(name + ".chain.pem");
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        await File.WriteAllTextAsync(chainPath, leaf.ExportCertificatePem() + "\n" + issuer.ExportCertificatePem() + "\n");
        return new StirCredential(key, X509CertificateLoader.LoadCertificate(leaf.RawData), X509CertificateLoader.LoadCertificate(issuer.RawData),
            keyPath, chainPath, ca.Folder.RootCertificatePath);
    }
}
