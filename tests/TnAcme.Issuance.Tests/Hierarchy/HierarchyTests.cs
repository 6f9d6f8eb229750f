using System.Security.Cryptography;
using TnAcme.Issuance.Hierarchy;
using TnAcme.Issuance.Tests.Support;
using TnAcme.Testing;

namespace TnAcme.Issuance.Tests.Hierarchy;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HierarchyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Init_writes_keys_for_the_owner_only_and_refuses_to_overwrite()
    {
        var folder = new CaDataFolder(_dir.File("data"));
        await CertificateAuthorityHierarchy.Default.InitializeAsync(folder, new HierarchySettings(), new SignerSettings());

        UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerOnly, File.GetUnixFileMode(folder.RootKeyPath));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(folder.IssuingKeyPath));
        Assert.Equal(ownerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.CaDirectory));

        var verify = await ExternalTool.RunAsync("openssl", "verify", "-x509_strict", "-CAfile", folder.RootCertificatePath, folder.IssuingCertificatePath);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);

        using IssuingAuthority authority = CertificateAuthorityHierarchy.Default.Open(folder);
        Assert.Equal(20, authority.KeyIdentifier.Length);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CertificateAuthorityHierarchy.Default.InitializeAsync(folder, new HierarchySettings(), new SignerSettings()));
    }

    [Fact]
    public async Task Import_takes_an_existing_hierarchy_and_rejects_a_mismatched_key()
    {
        var source = new CaDataFolder(_dir.File("source"));
        await CertificateAuthorityHierarchy.Default.InitializeAsync(source, new HierarchySettings(), new SignerSettings());
        string root = await File.ReadAllTextAsync(source.RootCertificatePath);
        string issuing = await File.ReadAllTextAsync(source.IssuingCertificatePath);
        string key = await File.ReadAllTextAsync(source.IssuingKeyPath);

        var target = new CaDataFolder(_dir.File("imported"));
        CertificateAuthorityHierarchy.Default.Import(target, root, issuing, key);
        using (IssuingAuthority authority = CertificateAuthorityHierarchy.Default.Open(target))
        {
            Assert.Equal(File.ReadAllText(source.IssuingCertificatePath), File.ReadAllText(target.IssuingCertificatePath));
        }

        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var e = Assert.Throws<InvalidOperationException>(() =>
            CertificateAuthorityHierarchy.Default.Import(new CaDataFolder(_dir.File("bad")), root, issuing, other.ExportPkcs8PrivateKeyPem()));
        Assert.Contains("does not match", e.Message, StringComparison.Ordinal);

        // The issuing certificate as its own "root" is not a root that signed it.
        var e2 = Assert.Throws<InvalidOperationException>(() =>
            CertificateAuthorityHierarchy.Default.Import(new CaDataFolder(_dir.File("bad2")), issuing, issuing, key));
        Assert.Contains("not signed by the given root", e2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_without_a_hierarchy_says_how_to_create_one()
    {
        var e = Assert.Throws<InvalidOperationException>(() => CertificateAuthorityHierarchy.Default.Open(new CaDataFolder(_dir.File("none"))));
        Assert.Contains("tnacme ca init", e.Message, StringComparison.Ordinal);
    }
}
