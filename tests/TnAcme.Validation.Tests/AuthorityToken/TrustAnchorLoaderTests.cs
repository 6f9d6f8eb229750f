using System.Security.Cryptography.X509Certificates;
using TnAcme.Validation.AuthorityToken;
using TnAcme.Validation.Tests.AuthorityToken.Support;

namespace TnAcme.Validation.Tests.AuthorityToken;

public sealed class TrustAnchorLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tnacme-anchors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Loads_several_files_with_one_or_many_PEM_certificates_and_DER()
    {
        using X509Certificate2 a = TestCertificates.CreateRoot("Anchor A");
        using X509Certificate2 b = TestCertificates.CreateRoot("Anchor B");
        using X509Certificate2 c = TestCertificates.CreateRoot("Anchor C");
        string two = Path.Combine(_dir, "two.pem");
        string one = Path.Combine(_dir, "one.der");
        await File.WriteAllTextAsync(two, "subject=whatever\n" + TestCertificates.Pem(a, b));
        await File.WriteAllBytesAsync(one, c.RawData);

        X509Certificate2Collection anchors = await TrustAnchorLoader.LoadAsync([two, one], CancellationToken.None);

        Assert.Equal([a.Thumbprint, b.Thumbprint, c.Thumbprint], anchors.Select(x => x.Thumbprint));
        Assert.All(anchors, x => Assert.False(x.HasPrivateKey));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a certificate")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    public async Task A_file_without_certificates_is_refused_naming_the_file(string content)
    {
        string path = Path.Combine(_dir, "bad.pem");
        await File.WriteAllTextAsync(path, content);
        InvalidDataException ex = await Assert.ThrowsAsync<InvalidDataException>(() => TrustAnchorLoader.LoadAsync([path], CancellationToken.None));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
