using System.Net;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.X509;

namespace TnAcme.TokenAuthority.Tests;

/// <summary>What the TA publishes for CAs: the x5u chain and the CRL of its signing certificates.</summary>
[Collection(TokenAuthorityCollection.Name)]
public sealed class PublicationTests
{
    private readonly TokenAuthorityFixture _fixture;

    public PublicationTests(TokenAuthorityFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Cert_pem_serves_the_signer_alone_as_a_pem_chain()
    {
        using HttpClient http = _fixture.NewHttpClient();
        using HttpResponseMessage response = await http.GetAsync("/ta/cert.pem");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pem-certificate-chain", response.Content.Headers.ContentType?.MediaType);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(await response.Content.ReadAsStringAsync());
        X509Certificate2 signer = Assert.Single(chain);
        Assert.Equal(_fixture.Authority.SignerCertificate.RawData, signer.RawData);
        Assert.Equal(_fixture.Authority.RootCertificate.Subject, signer.Issuer);
    }

    [Fact]
    public async Task The_crl_is_signed_by_the_root_and_empty()
    {
        using HttpClient http = _fixture.NewHttpClient();
        using HttpResponseMessage response = await http.GetAsync("/ta/crl");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pkix-crl", response.Content.Headers.ContentType?.MediaType);
        var crl = new X509CrlParser().ReadCrl(await response.Content.ReadAsByteArrayAsync());
        Org.BouncyCastle.X509.X509Certificate root = new(_fixture.Authority.RootCertificate.RawData);
        crl.Verify(root.GetPublicKey());
        Assert.Null(crl.GetRevokedCertificates());
        Assert.True(crl.NextUpdate > DateTime.UtcNow);
    }
}
