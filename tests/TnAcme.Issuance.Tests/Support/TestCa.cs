using System.Security.Cryptography;
using TnAcme.Issuance.Hierarchy;
using TnAcme.Issuance.Profiles;

namespace TnAcme.Issuance.Tests.Support;

/// <summary>A freshly generated development hierarchy in a temporary folder, with the shipped profiles.</summary>
internal sealed class TestCa : IDisposable
{
    private readonly TempDirectory _dir;

    private TestCa(TempDirectory dir, CaDataFolder folder, IssuingAuthority authority, ProfileCatalog profiles)
    {
        _dir = dir;
        Folder = folder;
        Authority = authority;
        Profiles = profiles;
        Issuer = new CertificateIssuer(authority, profiles);
    }

    public CaDataFolder Folder { get; }

    public IssuingAuthority Authority { get; }

    public ProfileCatalog Profiles { get; }

    public CertificateIssuer Issuer { get; }

    public TempDirectory Scratch => _dir;

    public static async Task<TestCa> CreateAsync()
    {
        var dir = new TempDirectory();
        var folder = new CaDataFolder(dir.File("data"));
        await CertificateAuthorityHierarchy.Default.InitializeAsync(folder, new HierarchySettings(), new SignerSettings());
        var ca = new TestCa(dir, folder, CertificateAuthorityHierarchy.Default.Open(folder), ProfileCatalog.LoadDirectory(RepositoryPaths.Profiles));
        return ca;
    }

    public static byte[] NewP256SubjectPublicKeyInfo()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportSubjectPublicKeyInfo();
    }

    public void Dispose()
    {
        Authority.Dispose();
        _dir.Dispose();
    }
}
