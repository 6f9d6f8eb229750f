namespace TnAcme.Passport.Tests;

public sealed class IdentityHeaderTests
{
    [Fact]
    public void Formats_the_rfc_8224_shape()
    {
        Assert.Equal("a.b.c;info=<https://cert.example.org/c.pem>;alg=ES256;ppt=shaken",
            IdentityHeader.Format("a.b.c", new Uri("https://cert.example.org/c.pem"), "ES256", "shaken"));
        Assert.Equal("a.b.c;info=<https://x.example/c>;alg=ES256", IdentityHeader.Format("a.b.c", new Uri("https://x.example/c"), "ES256", null));
    }

    [Fact]
    public void Parses_parameters_case_insensitively_with_spaces_brackets_and_quotes()
    {
        IdentityHeader h = IdentityHeader.Parse("Identity: a.b.c ; INFO = <https://x.example/p;q=1> ;alg=ES256; ppt=\"shaken\"");
        Assert.Equal("a.b.c", h.Jws);
        Assert.Equal("https://x.example/p;q=1", h.Info);
        Assert.Equal("ES256", h.Alg);
        Assert.Equal("shaken", h.Ppt);
    }

    [Theory]
    [InlineData("a.b.c;info=<https://x.example/c;alg=ES256", "without closing")]
    [InlineData("a.b.c;alg=ES256;alg=ES256", "repeats")]
    [InlineData(";info=<https://x.example/c>", "no PASSporT")]
    [InlineData("a.b.c;info=<https://x.example/c> junk", "unexpected")]
    public void Refuses_malformed_headers(string value, string expected)
    {
        PassportFormatException e = Assert.Throws<PassportFormatException>(() => IdentityHeader.Parse(value));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
