using TnAcme.Stir.Tests.Support;

namespace TnAcme.Stir.Tests;

/// <summary>Base64Url.Decode, TnAuthListIdentifier.Decode (strict) and DecodeTolerant on hostile text.</summary>
public class HostileBase64Tests
{
    /// <summary>Not strict base64url without padding.</summary>
    public static TheoryData<string, string> NotStrictBase64Url => new()
    {
        { "padded", "MAigBhYEMTIzNA==" },
        { "single pad", "MAigBhYEMTIzNAE=" },
        { "standard alphabet +", "MBWhEzARFgsxMjEyNTU1MTAwMAICA+g" },
        { "standard alphabet /", "MA/iDRYLMTIxMjU1NTE4MjQ" },
        { "standard alphabet + (same bytes as a vector)", "MA+iDRYLMTIxMjU1NTE4MjQ" },
        { "length 4n+1", "MAigB" },
        { "single character", "M" },
        { "non-canonical trailing bits", "MAigBhYEMTIzNB" },
        { "non-canonical trailing bits, 2 bytes", "AAB" },
        { "leading space", " MAigBhYEMTIzNA" },
        { "trailing newline", "MAigBhYEMTIzNA\n" },
        { "inner space", "MAig BhYEMTIzNA" },
        { "tab", "MAig\tBhYEMTIzNA" },
        { "padding in the middle", "MA==igBhYEMTIzNA" },
        { "non-ASCII letter", "MAigBhYEMTIzNé" },
        { "full-width digit", "MAigBhYEMTIzN\uFF10" },
        { "NUL", "MAigBhYE\0MTIzNA" },
        { "dot", "MAigBhYE.MTIzNA" },
        { "lone surrogate", "MAigBhYEMTIz\uD800" },
    };

    [Theory]
    [MemberData(nameof(NotStrictBase64Url))]
    public void Base64Url_Decode_rejects(string why, string text)
    {
        Assert.NotNull(why);
        StirAssert.Fails(StirDecodeError.InvalidBase64, () => Base64Url.Decode(text));
        Assert.False(Base64Url.TryDecode(text, out byte[]? bytes));
        Assert.Null(bytes);
    }

    [Theory]
    [MemberData(nameof(NotStrictBase64Url))]
    public void Identifier_Decode_rejects(string why, string text)
    {
        Assert.NotNull(why);
        StirAssert.Fails(StirDecodeError.InvalidBase64, () => TnAuthListIdentifier.Decode(text));
    }

    [Fact]
    public void Base64Url_Decode_rejects_null()
    {
        StirAssert.Fails(StirDecodeError.InvalidBase64, () => Base64Url.Decode(null!));
        Assert.False(Base64Url.TryDecode(null, out _));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("AA", "00")]
    [InlineData("AAE", "0001")]
    [InlineData("_-8", "FFEF")]
    [InlineData("MAigBhYEMTIzNA", Vectors.SpcHex)]
    public void Base64Url_Decode_accepts_canonical_text(string text, string hex)
    {
        byte[] bytes = Base64Url.Decode(text);
        Assert.Equal(Convert.FromHexString(hex), bytes);
        Assert.Equal(text, Base64Url.Encode(bytes));
    }

    /// <summary>Not acceptable even tolerantly.</summary>
    public static TheoryData<string, string> NotAnyBase64 => new()
    {
        { "three pads", "MAigBhYEODE4S===" },
        { "four pads", "MAigBhYEODE4====" },
        { "padding not completing a quantum", "MAigBhYEODE4SA=" },
        { "padding after a full quantum", "MAigBhYEODE4SAAA==" },
        { "only padding", "==" },
        { "padding in the middle", "MA==igBhYEODE4SA==" },
        { "mixed alphabets", "MA-iDRYLMTIxMjU1NTE4MjQ/" },
        { "non-canonical trailing bits, padded", "MAigBhYEODE4SB==" },
        { "whitespace", "MAigBhYE ODE4SA==" },
        { "trailing newline", "MAigBhYEODE4SA==\n" },
        { "length 4n+1", "MAigB" },
        { "non-ASCII", "MAigBhYEODE4Sé==" },
    };

    [Theory]
    [MemberData(nameof(NotAnyBase64))]
    public void DecodeTolerant_rejects(string why, string text)
    {
        Assert.NotNull(why);
        StirAssert.Fails(StirDecodeError.InvalidBase64, () => TnAuthListIdentifier.DecodeTolerant(text));
        StirAssert.Fails(StirDecodeError.InvalidBase64, () => TnAuthListIdentifier.DecodeAnyBase64(text));
        Assert.False(TnAuthListIdentifier.DerEquals(text, text));
        Assert.False(TnAuthListIdentifier.DerEquals(text, "MAigBhYEODE4SA"));
    }

    [Theory]
    [InlineData("MAigBhYEODE4SA==")]
    [InlineData("MAigBhYEODE4SA")]
    [InlineData(Vectors.RangeB64Url)]
    [InlineData("MBWhEzARFgsxMjEyNTU1MTAwMAICA+g=")]
    [InlineData("MBWhEzARFgsxMjEyNTU1MTAwMAICA+g")]
    [InlineData("MA+iDRYLMTIxMjU1NTE4MjQ=")]
    public void DecodeTolerant_accepts_both_alphabets_padded_or_not(string text)
    {
        TnAuthList list = TnAuthListIdentifier.DecodeTolerant(text);
        string strict = text.TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(strict, TnAuthListIdentifier.Encode(list));
        Assert.True(TnAuthListIdentifier.DerEquals(text, strict));
    }

    /// <summary>Valid base64 whose bytes are not a valid TNAuthList: the DER error must come through unchanged.</summary>
    public static TheoryData<string, StirDecodeError> ValidBase64BadDer => new()
    {
        { "", StirDecodeError.Truncated },
        { Base64Url.Encode(Convert.FromHexString("3000")), StirDecodeError.EmptyList },
        { Base64Url.Encode(Convert.FromHexString("3108A006160431323334")), StirDecodeError.UnexpectedTag },
        { Base64Url.Encode(Convert.FromHexString(Vectors.SpcHex + "00")), StirDecodeError.TrailingData },
        { Base64Url.Encode(Convert.FromHexString("3008A0061604313233")), StirDecodeError.Truncated },
        { Base64Url.Encode(Convert.FromHexString("3084FFFFFFFF")), StirDecodeError.LengthTooLarge },
        { Base64Url.Encode(Der.List(Der.Range("10", 91))), StirDecodeError.RangeOverflow },
        { Base64Url.Encode(Der.List(Der.One("1234567890123456"))), StirDecodeError.InvalidTelephoneNumber },
    };

    [Theory]
    [MemberData(nameof(ValidBase64BadDer))]
    public void Identifier_decoders_report_the_der_error(string text, StirDecodeError expected)
    {
        StirAssert.Fails(expected, () => TnAuthListIdentifier.Decode(text));
        StirAssert.Fails(expected, () => TnAuthListIdentifier.DecodeTolerant(text));
        Assert.False(TnAuthListIdentifier.DerEquals(text, text));
    }

    private const string UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>Independent of the code under test: is this unpadded base64url prefix a canonical encoding?</summary>
    private static bool IsCanonicalUnpadded(string text)
    {
        int unusedBits = (text.Length % 4) switch { 0 => 0, 2 => 4, 3 => 2, _ => -1 };
        return unusedBits == 0 || (unusedBits > 0 && (UrlAlphabet.IndexOf(text[^1], StringComparison.Ordinal) & ((1 << unusedBits) - 1)) == 0);
    }

    [Theory]
    [InlineData(Vectors.SpcB64Url, Vectors.SpcHex)]
    [InlineData(Vectors.RangeB64Url, Vectors.RangeHex)]
    [InlineData(Vectors.OneB64Url, Vectors.OneHex)]
    [InlineData(Vectors.AllB64Url, Vectors.AllHex)]
    public void Every_truncation_of_an_identifier_fails_as_base64_or_as_truncated_der(string id, string hex)
    {
        byte[] der = Convert.FromHexString(hex);
        for (int length = 0; length < id.Length; length++)
        {
            string prefix = id[..length];
            if (IsCanonicalUnpadded(prefix))
            {
                Assert.Equal(der[..(length * 6 / 8)], Base64Url.Decode(prefix));
                StirAssert.Fails(StirDecodeError.Truncated, () => TnAuthListIdentifier.Decode(prefix));
                StirAssert.Fails(StirDecodeError.Truncated, () => TnAuthListIdentifier.DecodeTolerant(prefix));
            }
            else
            {
                StirAssert.Fails(StirDecodeError.InvalidBase64, () => Base64Url.Decode(prefix));
                StirAssert.Fails(StirDecodeError.InvalidBase64, () => TnAuthListIdentifier.Decode(prefix));
                StirAssert.Fails(StirDecodeError.InvalidBase64, () => TnAuthListIdentifier.DecodeTolerant(prefix));
            }
        }

        Assert.Equal(der, TnAuthListIdentifier.Decode(id).ToDer());
    }

    [Theory]
    [InlineData("MAigBhYEODE4SA==")]
    [InlineData("MAigBhYEMjgxSw==")]
    public void Every_truncation_of_a_padded_token_value_is_rejected(string padded)
    {
        string unpadded = padded.TrimEnd('=');
        for (int length = 0; length < unpadded.Length; length++)
        {
            string prefix = padded[..length];
            StirDecodeException e = Assert.Throws<StirDecodeException>(() => TnAuthListIdentifier.DecodeTolerant(prefix));
            Assert.True(e.Error is StirDecodeError.InvalidBase64 or StirDecodeError.Truncated, $"{prefix}: {e.Error}");
            Assert.False(TnAuthListIdentifier.DerEquals(prefix, padded));
        }

        // Dropping all the padding leaves the valid unpadded form; dropping only part of it is not base64.
        Assert.True(TnAuthListIdentifier.DerEquals(unpadded, padded));
        StirAssert.Fails(StirDecodeError.InvalidBase64, () => TnAuthListIdentifier.DecodeTolerant(padded[..^1]));
    }

    [Fact]
    public void DerEquals_distinguishes_different_lists()
    {
        Assert.True(TnAuthListIdentifier.DerEquals(Vectors.SpcB64Url, Vectors.SpcB64Url));
        Assert.False(TnAuthListIdentifier.DerEquals(Vectors.SpcB64Url, Vectors.OneB64Url));
        Assert.False(TnAuthListIdentifier.DerEquals("MAigBhYEODE4SA==", "MAigBhYEMjgxSw=="));
    }
}
