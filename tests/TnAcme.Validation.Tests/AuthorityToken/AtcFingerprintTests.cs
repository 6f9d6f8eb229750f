using TnAcme.Stir;
using TnAcme.Validation.AuthorityToken;
using TnAcme.Validation.Tests.AuthorityToken.Support;

namespace TnAcme.Validation.Tests.AuthorityToken;

public sealed class AtcFingerprintTests
{
    [Fact]
    public void V13_colon_hex_and_base64url_forms_read_to_the_same_thumbprint()
    {
        byte[] expected = Base64Url.Decode(TokenMinter.ThumbprintBase64Url);
        Assert.True(AtcFingerprint.TryParse(TokenMinter.ThumbprintColonHex, out byte[]? fromHex, out _));
        Assert.True(AtcFingerprint.TryParse(TokenMinter.ThumbprintBase64Url, out byte[]? fromB64, out _));
        Assert.Equal(expected, fromHex);
        Assert.Equal(expected, fromB64);
        Assert.Equal(TokenMinter.ThumbprintColonHex, AtcFingerprint.Format(expected));
    }

    [Theory]
    [InlineData("SHA-256 A0:A2:32:C2:F1:94:A5:35:53:CB:13:10:DD:BC:08:21:E4:14:B9:D7:EB:FC:29:0B:32:30:84:D7:D1:02:0F:E5")]
    [InlineData("sha256 a0:a2:32:c2:f1:94:a5:35:53:cb:13:10:dd:bc:08:21:e4:14:b9:d7:eb:fc:29:0b:32:30:84:d7:d1:02:0f:e5")]
    public void Algorithm_name_and_hex_are_case_insensitive(string text)
    {
        Assert.True(AtcFingerprint.TryParse(text, out byte[]? thumbprint, out _));
        Assert.Equal(Base64Url.Decode(TokenMinter.ThumbprintBase64Url), thumbprint);
    }

    [Theory]
    [InlineData("SHA256 A0A232C2F194A53553CB1310DDBC0821E414B9D7EBFC290B323084D7D1020FE5", "colon-separated")]
    [InlineData("SHA256 A0:A2:32:C2:F1:94:A5:35:53:CB:13:10:DD:BC:08:21:E4:14:B9:D7:EB:FC:29:0B:32:30:84:D7:D1:02:0F", "colon-separated")]
    [InlineData("SHA256 A0-A2-32-C2-F1-94-A5-35-53-CB-13-10-DD-BC-08-21-E4-14-B9-D7-EB-FC-29-0B-32-30-84-D7-D1-02-0F-E5", "colon-separated")]
    [InlineData("SHA256 G0:A2:32:C2:F1:94:A5:35:53:CB:13:10:DD:BC:08:21:E4:14:B9:D7:EB:FC:29:0B:32:30:84:D7:D1:02:0F:E5", "colon-separated")]
    [InlineData("SHA384 A0:A2", "only SHA256")]
    [InlineData("oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U=", "neither")]
    [InlineData("oKIywvGUpTVTyxMQ3bwIIeQUudfr/CkLMjCE19ECD+U", "neither")]
    [InlineData("", "empty")]
    public void Other_forms_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(AtcFingerprint.TryParse(text, out _, out string? error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
