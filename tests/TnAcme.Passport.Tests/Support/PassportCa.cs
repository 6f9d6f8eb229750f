using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Issuance;
using TnAcme.Issuance.Hierarchy;
using TnAcme.Issuance.Profiles;
using TnAcme.Stir;

namespace TnAcme.Passport.Tests.Support;

/// <summary>
/// A development CA hierarchy (root + issuing CA) generated in a temporary folder with the shipped profiles,
/// issuing real certificates through <see cref="CertificateIssuer"/> and its linter. One per test class.
/// </summary>
public sealed class PassportCa : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private IssuingAuthority? _authority;
    private CertificateIssuer? _issuer;

    internal TempDirectory Scratch => _dir;

    internal CaDataFolder Folder { get; private set; } = null!;

    public X509Certificate2 Root { get; private set; } = null!;

    public X509Certificate2Collection TrustAnchors => [Root];

    public async Task InitializeAsync()
    {
        Folder = new CaDataFolder(_dir.File("data"));
        await CertificateAuthorityHierarchy.Default.InitializeAsync(Folder, new HierarchySettings(), new SignerSettings());
        _authority = CertificateAuthorityHierarchy.Default.Open(Folder);
        _issuer = new CertificateIssuer(_authority, ProfileCatalog.LoadDirectory(RepositoryPaths.Profiles));
        Root = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Folder.RootCertificatePath));
    }

    public Task DisposeAsync()
    {
        _authority?.Dispose();
        Root?.Dispose();
        _dir.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A tn-shortlived certificate for <paramref name="list"/>, optionally with claim constraints.</summary>
    internal Task<StirCredential> IssueNumbersAsync(
        TnAuthList list,
        JwtClaimConstraints? jwt = null,
        EnhancedJwtClaimConstraints? ejwt = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null) =>
        IssueAsync(new IssuanceRequest
        {
            ProfileName = "tn-shortlived",
            SubjectPublicKeyInfo = default,
            TnAuthList = list,
            JwtClaimConstraints = jwt,
            EnhancedJwtClaimConstraints = ejwt,
            NotBefore = notBefore,
            NotAfter = notAfter,
        });

    /// <summary>A SHAKEN service-provider certificate naming one SPC.</summary>
    internal Task<StirCredential> IssueSpcAsync(string spc) =>
        IssueAsync(new IssuanceRequest
        {
            ProfileName = "shaken-sp",
            SubjectPublicKeyInfo = default,
            TnAuthList = TnAuthList.Create(TnEntry.OfSpc(spc)),
            Organization = "Example Carrier",
        });

    private async Task<StirCredential> IssueAsync(IssuanceRequest request)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        IssuedCertificate issued = await _issuer!.IssueAsync(request with { SubjectPublicKeyInfo = key.ExportSubjectPublicKeyInfo() });
        string name = issued.SerialHex;
        string keyPath = _dir.File(name + ".key.pem"), chainPath = _dir.File(name + ".chain.pem");
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        await File.WriteAllTextAsync(chainPath,
            PemEncoding.WriteString("CERTIFICATE", issued.Der) + "\n" + PemEncoding.WriteString("CERTIFICATE", _authority!.Certificate.RawData) + "\n");
        return new StirCredential(key, X509CertificateLoader.LoadCertificate(issued.Der),
            X509CertificateLoader.LoadCertificate(_authority.Certificate.RawData), keyPath, chainPath, Folder.RootCertificatePath);
    }
}
