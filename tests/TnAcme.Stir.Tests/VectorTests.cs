using TnAcme.Stir.Tests.Support;

namespace TnAcme.Stir.Tests;

/// <summary>Known-answer vectors: decode, re-encode byte for byte, and build from domain objects to the same bytes.</summary>
public class VectorTests
{
    [Fact]
    public void V1_spc_1234_round_trips()
    {
        byte[] der = Convert.FromHexString("3008A0061604" + "31323334");
        TnAuthList list = TnAuthList.Decode(der);
        Assert.Equal("1234", Assert.IsType<SpcEntry>(Assert.Single(list.Entries)).Code.Value);
        Assert.Equal(der, TnAuthList.Create(TnEntry.OfSpc("1234")).ToDer());
        Assert.Equal(der, TnAuthList.Create(list.Entries).ToDer());
        Assert.Equal("MAigBhYEMTIzNA", TnAuthListIdentifier.Encode(list));
        Assert.Equal(list, TnAuthListIdentifier.Decode("MAigBhYEMTIzNA"));
        Assert.True(list.IsSpcOnly);
    }

    [Fact]
    public void V12_range_round_trips()
    {
        TnAuthList list = TnAuthList.Decode(Vectors.Range);
        TelephoneNumberRange range = Assert.IsType<RangeEntry>(Assert.Single(list.Entries)).Range;
        Assert.Equal("12125551000", range.Start.Value);
        Assert.Equal(1000, range.Count);
        Assert.Equal(12125551000, range.First);
        Assert.Equal(12125551999, range.Last);
        Assert.Equal(Vectors.Range, TnAuthList.Create(TnEntry.OfRange("12125551000", 1000)).ToDer());
        Assert.Equal(Vectors.Range, TnAuthList.Create(list.Entries).ToDer());
        Assert.Equal(Vectors.RangeB64Url, TnAuthListIdentifier.Encode(list));
        Assert.Equal(list, TnAuthListIdentifier.Decode(Vectors.RangeB64Url));
    }

    [Fact]
    public void V12_one_round_trips()
    {
        TnAuthList list = TnAuthList.Decode(Vectors.One);
        Assert.Equal("12125551824", Assert.IsType<OneEntry>(Assert.Single(list.Entries)).Number.Value);
        Assert.Equal(Vectors.One, TnAuthList.Create(TnEntry.OfNumber("12125551824")).ToDer());
        Assert.Equal(Vectors.One, TnAuthList.Create(list.Entries).ToDer());
        Assert.Equal(Vectors.OneB64Url, TnAuthListIdentifier.Encode(list));
        Assert.Equal(list, TnAuthListIdentifier.Decode(Vectors.OneB64Url));
    }

    [Fact]
    public void V12_spc_range_and_one_round_trip_in_order()
    {
        TnAuthList list = TnAuthList.Decode(Vectors.All);
        Assert.Equal(3, list.Entries.Length);
        Assert.Equal(TnEntry.OfSpc("1234"), list.Entries[0]);
        Assert.Equal(TnEntry.OfRange("12125551000", 1000), list.Entries[1]);
        Assert.Equal(TnEntry.OfNumber("12125551824"), list.Entries[2]);
        Assert.False(list.IsSpcOnly);

        TnAuthList built = TnAuthList.Create(
            TnEntry.OfSpc("1234"), TnEntry.OfRange("12125551000", 1000), TnEntry.OfNumber("12125551824"));
        Assert.Equal(Vectors.All, built.ToDer());
        Assert.Equal(list, built);
        Assert.Equal(Vectors.AllB64Url, TnAuthListIdentifier.Encode(list));
        Assert.Equal(list, TnAuthListIdentifier.Decode(Vectors.AllB64Url));
    }

    [Fact]
    public void ToDer_returns_a_copy()
    {
        TnAuthList list = TnAuthList.Decode(Vectors.Spc);
        byte[] first = list.ToDer();
        first[^1] ^= 0xFF;
        Assert.Equal(Vectors.Spc, list.ToDer());
    }

    [Theory]
    [InlineData("MAigBhYEODE4SA==", "818H")]
    [InlineData("MAigBhYEMjgxSw==", "281K")]
    public void V4_V5_padded_standard_base64_from_spc_tokens(string padded, string spc)
    {
        string unpadded = padded.TrimEnd('=');
        TnAuthList list = TnAuthListIdentifier.DecodeTolerant(padded);
        Assert.Equal(spc, Assert.IsType<SpcEntry>(Assert.Single(list.Entries)).Code.Value);
        Assert.Equal(TnAuthList.Create(TnEntry.OfSpc(spc)), list);
        Assert.Equal(unpadded, TnAuthListIdentifier.Encode(list));
        Assert.Equal(list, TnAuthListIdentifier.Decode(unpadded));

        Assert.True(TnAuthListIdentifier.DerEquals(padded, unpadded));
        Assert.True(TnAuthListIdentifier.DerEquals(unpadded, padded));
        Assert.False(TnAuthListIdentifier.DerEquals(padded, Vectors.SpcB64Url));

        StirAssert.Fails(StirDecodeError.InvalidBase64, () => TnAuthListIdentifier.Decode(padded));
    }

    [Fact]
    public void V2_enhanced_claim_constraints_round_trip()
    {
        EnhancedJwtClaimConstraints decoded = EnhancedJwtClaimConstraints.Decode(Vectors.Enhanced);
        Assert.Equal(["confidence"], decoded.MustInclude.ToArray());
        JwtClaimValues permitted = Assert.Single(decoded.PermittedValues);
        Assert.Equal("confidence", permitted.Claim);
        Assert.Equal(["high", "medium"], permitted.Values.ToArray());
        Assert.Equal(["priority"], decoded.MustExclude.ToArray());
        Assert.False(decoded.ExcludesBaselineClaim);
        Assert.Equal(Vectors.Enhanced, decoded.Encode());

        var built = new EnhancedJwtClaimConstraints(
            ["confidence"], [new JwtClaimValues("confidence", ["high", "medium"])], ["priority"]);
        Assert.Equal(Vectors.Enhanced, built.Encode());
        Assert.Equal(built, decoded);
    }

    [Fact]
    public void Own_rfc8226_claim_constraints_vector_round_trips()
    {
        JwtClaimConstraints decoded = JwtClaimConstraints.Decode(Vectors.Jwt);
        Assert.Equal(["attest"], decoded.MustInclude.ToArray());
        JwtClaimValues permitted = Assert.Single(decoded.PermittedValues);
        Assert.Equal("attest", permitted.Claim);
        Assert.Equal(["A", "B"], permitted.Values.ToArray());
        Assert.Equal(Vectors.Jwt, decoded.Encode());

        var built = new JwtClaimConstraints(["attest"], [new JwtClaimValues("attest", ["A", "B"])]);
        Assert.Equal(Vectors.Jwt, built.Encode());
        Assert.Equal(built, decoded);
    }

    [Fact]
    public void Own_permitted_values_only_vector_with_utf8_round_trips()
    {
        JwtClaimConstraints decoded = JwtClaimConstraints.Decode(Vectors.JwtPermittedOnly);
        Assert.True(decoded.MustInclude.IsDefault);
        JwtClaimValues permitted = Assert.Single(decoded.PermittedValues);
        Assert.Equal("div", permitted.Claim);
        Assert.Equal(["\u00E9"], permitted.Values.ToArray());
        Assert.Equal(Vectors.JwtPermittedOnly, decoded.Encode());

        var built = new JwtClaimConstraints(null, [new JwtClaimValues("div", ["\u00E9"])]);
        Assert.Equal(Vectors.JwtPermittedOnly, built.Encode());
    }

    [Fact]
    public void Rfc8226_constraints_are_also_valid_enhanced_constraints_with_the_same_bytes()
    {
        EnhancedJwtClaimConstraints enhanced = EnhancedJwtClaimConstraints.Decode(Vectors.Jwt);
        Assert.True(enhanced.MustExclude.IsDefault);
        Assert.Equal(Vectors.Jwt, enhanced.Encode());
    }

    [Fact]
    public void Der_test_builder_reproduces_the_vectors()
    {
        // The hostile-input tests build their inputs with Der; this pins the builder to the known bytes.
        Assert.Equal(Vectors.Spc, Der.List(Der.Spc("1234")));
        Assert.Equal(Vectors.Range, Der.List(Der.Range("12125551000", 0x03, 0xE8)));
        Assert.Equal(Vectors.One, Der.List(Der.One("12125551824")));
        Assert.Equal(Vectors.All, Der.List(Der.Spc("1234"), Der.Range("12125551000", 0x03, 0xE8), Der.One("12125551824")));
        Assert.Equal(
            Vectors.Enhanced,
            Der.Seq(
                Der.Ctx(0, Der.Seq(Der.Ia5("confidence"))),
                Der.Ctx(1, Der.Seq(Der.Seq(Der.Ia5("confidence"), Der.Seq(Der.Utf8("high"), Der.Utf8("medium"))))),
                Der.Ctx(2, Der.Seq(Der.Ia5("priority")))));
        Assert.Equal([0x30, 0x81, 0x80, .. new byte[0x80]], Der.Tlv(0x30, new byte[0x80]));
    }
}
