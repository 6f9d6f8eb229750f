using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Issuance.Signing;
using TnAcme.Issuance.X509;

namespace TnAcme.Issuance.Hierarchy;

/// <summary>Creates, imports and opens the root + issuing CA kept in a <see cref="CaDataFolder"/>.</summary>
public sealed class CertificateAuthorityHierarchy
{
    private readonly IReadOnlyDictionary<string, ICaKeyStore> _keyStores;

    public CertificateAuthorityHierarchy(IEnumerable<ICaKeyStore> keyStores) =>
        _keyStores = keyStores.ToDictionary(s => s.Type, StringComparer.Ordinal);

    public static CertificateAuthorityHierarchy Default { get; } = new([new SoftwareKeyStore()]);

    private ICaKeyStore Store(SignerSettings settings) =>
        _keyStores.TryGetValue(settings.Type, out ICaKeyStore? store)
            ? store
            : throw new InvalidOperationException($"unknown CA key store '{settings.Type}' (have: {string.Join(", ", _keyStores.Keys)})");

    /// <summary>Generates a P-256 root and issuing CA. Refuses to overwrite an existing hierarchy.</summary>
    public async Task InitializeAsync(CaDataFolder folder, HierarchySettings hierarchy, SignerSettings signer, CancellationToken cancellationToken = default)
    {
        if (folder.Exists)
        {
            throw new InvalidOperationException($"a CA hierarchy already exists in {folder.CaDirectory}; refusing to overwrite it");
        }

        folder.EnsureDirectories();
        DateTimeOffset now = DateTimeOffset.UtcNow.AddMinutes(-5);

        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rootSigner = new SoftwareSigner(rootKey);
        var rootName = new X500DistinguishedName(hierarchy.Root.Subject);
        byte[] rootCert = await CaCertificateWriter.IssueAsync(rootName, rootSigner.SubjectPublicKeyInfoDer, rootName, rootSigner,
            now, now.AddDays(hierarchy.Root.ValidityDays), hierarchy.Root.PathLength, hierarchy.Root.CertificatePolicies, cancellationToken);

        using ISigner issuingSigner = Store(signer).Generate(folder, signer);
        byte[] issuingCert = await CaCertificateWriter.IssueAsync(new X500DistinguishedName(hierarchy.Issuing.Subject),
            issuingSigner.SubjectPublicKeyInfoDer, rootName, rootSigner, now, now.AddDays(hierarchy.Issuing.ValidityDays),
            hierarchy.Issuing.PathLength, hierarchy.Issuing.CertificatePolicies, cancellationToken);

        CaDataFolder.WriteSecret(folder.RootKeyPath, rootKey.ExportPkcs8PrivateKeyPem());
        CaDataFolder.WriteAtomically(folder.RootCertificatePath, PemEncoding.WriteString("CERTIFICATE", rootCert) + "\n");
        folder.WriteSignerSettings(signer);
        CaDataFolder.WriteAtomically(folder.IssuingCertificatePath, PemEncoding.WriteString("CERTIFICATE", issuingCert) + "\n");
    }

    /// <summary>Imports an existing root certificate, issuing CA certificate and issuing key (PEM).</summary>
    public void Import(CaDataFolder folder, string rootCertificatePem, string issuingCertificatePem, string issuingKeyPem)
    {
        if (folder.Exists)
        {
            throw new InvalidOperationException($"a CA hierarchy already exists in {folder.CaDirectory}; refusing to overwrite it");
        }

        using var root = X509Certificate2.CreateFromPem(rootCertificatePem);
        using var issuing = X509Certificate2.CreateFromPem(issuingCertificatePem);
        using var key = ECDsa.Create();
        key.ImportFromPem(issuingKeyPem);
        if (key.KeySize != 256)
        {
            throw new InvalidOperationException("the issuing CA key must be ECDSA P-256");
        }

        if (!issuing.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            throw new InvalidOperationException("the issuing CA key does not match the issuing CA certificate");
        }

        using ECDsa? rootKey = root.GetECDsaPublicKey();
        if (rootKey is null || issuing.IssuerName.RawData.AsSpan().SequenceEqual(root.SubjectName.RawData) is false ||
            !VerifiesWith(issuing, rootKey))
        {
            throw new InvalidOperationException("the issuing CA certificate is not signed by the given root");
        }

        if (issuing.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
        {
            throw new InvalidOperationException("the issuing certificate is not a CA certificate (basicConstraints cA)");
        }

        folder.EnsureDirectories();
        CaDataFolder.WriteSecret(folder.IssuingKeyPath, key.ExportPkcs8PrivateKeyPem());
        CaDataFolder.WriteAtomically(folder.RootCertificatePath, PemEncoding.WriteString("CERTIFICATE", root.RawData) + "\n");
        folder.WriteSignerSettings(new SignerSettings());
        CaDataFolder.WriteAtomically(folder.IssuingCertificatePath, PemEncoding.WriteString("CERTIFICATE", issuing.RawData) + "\n");
    }

    public IssuingAuthority Open(CaDataFolder folder)
    {
        if (!folder.Exists)
        {
            throw new InvalidOperationException($"no CA hierarchy in {folder.Root}; run 'tnacme ca init --data-dir {folder.Root}' first");
        }

        var issuing = X509Certificate2.CreateFromPem(File.ReadAllText(folder.IssuingCertificatePath));
        var root = X509Certificate2.CreateFromPem(File.ReadAllText(folder.RootCertificatePath));
        SignerSettings settings = folder.ReadSignerSettings();
        return new IssuingAuthority(issuing, [root], Store(settings).Open(folder, settings));
    }

    private static bool VerifiesWith(X509Certificate2 certificate, ECDsa issuerKey)
    {
        var reader = new System.Formats.Asn1.AsnReader(certificate.RawData, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        ReadOnlyMemory<byte> tbs = reader.ReadEncodedValue();
        reader.ReadSequence();
        byte[] signature = reader.ReadBitString(out _);
        return issuerKey.VerifyData(tbs.Span, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }
}
