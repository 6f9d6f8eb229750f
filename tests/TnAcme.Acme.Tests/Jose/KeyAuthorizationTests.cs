using TnAcme.Acme.Jose;

namespace TnAcme.Acme.Tests.Jose;

public class KeyAuthorizationTests
{
    [Fact]
    public void Key_authorization_and_digest_match_the_vector()
    {
        var key = JsonWebKey.Parse(Vectors.A3Jwk);
        var keyAuthorization = KeyAuthorization.Compute("IlirfxKKXAsHtmzK29Pj8A", key);
        Assert.Equal("IlirfxKKXAsHtmzK29Pj8A.oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U", keyAuthorization);
        Assert.Equal("wkKHwG1d4pHZSm3QgGAmbErg_VoiZk2gsuujTFU6ISE", KeyAuthorization.DigestBase64Url(keyAuthorization));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("abc=")]
    [InlineData("a+b")]
    public void Tokens_outside_the_base64url_alphabet_are_refused(string token)
    {
        Assert.Throws<ArgumentException>(() => KeyAuthorization.Compute(token, JsonWebKey.Parse(Vectors.A3Jwk)));
    }
}
