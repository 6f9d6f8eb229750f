using TnAcme.Stir.Tests.Support;
using static TnAcme.Stir.Tests.Support.Der;

namespace TnAcme.Stir.Tests;

/// <summary>Malformed JWTClaimConstraints / EnhancedJWTClaimConstraints DER, each with its specific error.</summary>
public class HostileClaimConstraintsTests
{
    private static byte[] Names(int tag, params string[] names) => Ctx(tag, Seq([.. names.Select(Ia5)]));

    private static byte[] Include(params string[] names) => Names(0, names);

    private static byte[] Exclude(params string[] names) => Names(2, names);

    private static byte[] Permitted(string claim, params string[] values) =>
        Ctx(1, Seq(Seq(Ia5(claim), Seq([.. values.Select(Utf8)]))));

    /// <summary>Cases that both decoders must reject the same way.</summary>
    public static TheoryData<string, byte[], StirDecodeError> Common => new()
    {
        { "empty input", [], StirDecodeError.Truncated },
        { "trailing garbage", Concat(Vectors.Jwt, [0x00]), StirDecodeError.TrailingData },
        { "outer SET", Tlv(0x31, Include("a")), StirDecodeError.UnexpectedTag },
        { "outer [0] without SEQUENCE", Include("a"), StirDecodeError.UnexpectedTag },
        { "outer indefinite length", Concat(Hex("3080"), Include("a"), Hex("0000")), StirDecodeError.IndefiniteLength },
        { "member indefinite length", Concat(Hex("3009A080"), Seq(Ia5("a")), Hex("0000")), StirDecodeError.IndefiniteLength },
        { "outer length 81 07", Concat(Hex("308107"), Include("a")), StirDecodeError.NonMinimalLength },
        { "member length 82 00 05", Concat(Hex("3009A0820005"), Seq(Ia5("a"))), StirDecodeError.NonMinimalLength },
        { "outer length 84 FF FF FF FF", Hex("3084FFFFFFFF"), StirDecodeError.LengthTooLarge },
        { "member length 84 FF FF FF FF", Hex("3006A084FFFFFFFF"), StirDecodeError.LengthTooLarge },

        { "none present", Seq(), StirDecodeError.MissingComponent },
        { "unknown member [3]", Seq(Names(3, "a")), StirDecodeError.UnexpectedTag },
        { "universal member", Seq(Seq(Ia5("a"))), StirDecodeError.UnexpectedTag },
        { "permittedValues before mustInclude", Seq(Permitted("a", "x"), Include("a")), StirDecodeError.UnexpectedTag },
        { "mustInclude twice", Seq(Include("a"), Include("b")), StirDecodeError.UnexpectedTag },
        { "permittedValues twice", Seq(Permitted("a", "x"), Permitted("b", "y")), StirDecodeError.UnexpectedTag },
        { "member after an unknown [3]", Seq(Include("a"), Names(3, "b")), StirDecodeError.UnexpectedTag },

        { "empty mustInclude", Seq(Ctx(0, Seq())), StirDecodeError.EmptyList },
        { "mustInclude [0] with nothing inside", Seq(Ctx(0)), StirDecodeError.Truncated },
        { "mustInclude not wrapped in SEQUENCE", Seq(Ctx(0, Ia5("a"))), StirDecodeError.UnexpectedTag },
        { "two SEQUENCEs in mustInclude", Seq(Ctx(0, Seq(Ia5("a")), Seq(Ia5("b")))), StirDecodeError.TrailingData },
        { "empty claim name", Seq(Include("")), StirDecodeError.InvalidClaimName },
        { "claim name with a control character", Seq(Include("a\u0001b")), StirDecodeError.InvalidClaimName },
        { "claim name with DEL", Seq(Include("a\u007F")), StirDecodeError.InvalidClaimName },
        { "claim name of 257 characters", Seq(Include(new string('c', 257))), StirDecodeError.InvalidClaimName },
        { "claim name with a non-ASCII byte", Seq(Include("\u00E9")), StirDecodeError.InvalidString },
        { "claim name as UTF8String", Seq(Ctx(0, Seq(Utf8("a")))), StirDecodeError.UnexpectedTag },
        { "claim name as BER constructed IA5String", Seq(Ctx(0, Seq(Tlv(0x36, Ia5("a"), Ia5("b"))))), StirDecodeError.UnexpectedTag },

        { "empty permittedValues", Seq(Ctx(1, Seq())), StirDecodeError.EmptyList },
        { "permitted claim with no values", Seq(Ctx(1, Seq(Seq(Ia5("a"), Seq())))), StirDecodeError.EmptyList },
        { "permitted claim without value list", Seq(Ctx(1, Seq(Seq(Ia5("a"))))), StirDecodeError.Truncated },
        { "permitted claim with trailing element", Seq(Ctx(1, Seq(Seq(Ia5("a"), Seq(Utf8("x")), Hex("0500"))))), StirDecodeError.TrailingData },
        { "two SEQUENCEs in permittedValues [1]", Seq(Ctx(1, Seq(Seq(Ia5("a"), Seq(Utf8("x")))), Seq())), StirDecodeError.TrailingData },
        { "permitted value as IA5String", Seq(Ctx(1, Seq(Seq(Ia5("a"), Seq(Ia5("x")))))), StirDecodeError.UnexpectedTag },
        { "permitted value as BER constructed UTF8String", Seq(Ctx(1, Seq(Seq(Ia5("a"), Seq(Tlv(0x2C, Utf8("x"))))))), StirDecodeError.UnexpectedTag },
        { "permitted claim name empty", Seq(Permitted("", "x")), StirDecodeError.InvalidClaimName },
        { "permitted value bad UTF-8 (C3 28)", Seq(Ctx(1, Seq(Seq(Ia5("a"), Seq(Tlv(0x0C, [0xC3, 0x28])))))), StirDecodeError.InvalidString },
        { "permitted value overlong NUL (C0 80)", Seq(Ctx(1, Seq(Seq(Ia5("a"), Seq(Tlv(0x0C, [0xC0, 0x80])))))), StirDecodeError.InvalidString },
        { "permitted value UTF-8 surrogate (ED A0 80)", Seq(Ctx(1, Seq(Seq(Ia5("a"), Seq(Tlv(0x0C, [0xED, 0xA0, 0x80])))))), StirDecodeError.InvalidString },
        { "permitted value truncated UTF-8 (E6 97)", Seq(Ctx(1, Seq(Seq(Ia5("a"), Seq(Tlv(0x0C, [0xE6, 0x97])))))), StirDecodeError.InvalidString },
        { "permitted value beyond U+10FFFF (F4 90 80 80)", Seq(Ctx(1, Seq(Seq(Ia5("a"), Seq(Tlv(0x0C, [0xF4, 0x90, 0x80, 0x80])))))), StirDecodeError.InvalidString },
        { "more than MaxItems names", Seq(Include([.. Enumerable.Repeat("a", 1001)])), StirDecodeError.LengthTooLarge },
        { "more than MaxItems values", Seq(Permitted("a", [.. Enumerable.Repeat("x", 1001)])), StirDecodeError.LengthTooLarge },
    };

    [Theory]
    [MemberData(nameof(Common))]
    public void Jwt_Decode_rejects(string why, byte[] der, StirDecodeError expected)
    {
        Assert.NotNull(why);
        StirAssert.Fails(expected, () => JwtClaimConstraints.Decode(der));
    }

    [Theory]
    [MemberData(nameof(Common))]
    public void Enhanced_Decode_rejects(string why, byte[] der, StirDecodeError expected)
    {
        Assert.NotNull(why);
        StirAssert.Fails(expected, () => EnhancedJwtClaimConstraints.Decode(der));
    }

    [Fact]
    public void Rfc8226_decoder_rejects_mustExclude()
    {
        StirAssert.Fails(StirDecodeError.UnexpectedTag, () => JwtClaimConstraints.Decode(Seq(Exclude("a"))));
        StirAssert.Fails(StirDecodeError.UnexpectedTag, () => JwtClaimConstraints.Decode(Vectors.Enhanced));
        Assert.Equal(["a"], EnhancedJwtClaimConstraints.Decode(Seq(Exclude("a"))).MustExclude.ToArray());
    }

    public static TheoryData<string, byte[], StirDecodeError> EnhancedOnly => new()
    {
        { "empty mustExclude", Seq(Ctx(2, Seq())), StirDecodeError.EmptyList },
        { "mustExclude twice", Seq(Exclude("a"), Exclude("b")), StirDecodeError.UnexpectedTag },
        { "mustExclude before mustInclude", Seq(Exclude("a"), Include("b")), StirDecodeError.UnexpectedTag },
        { "mustExclude before permittedValues", Seq(Exclude("a"), Permitted("b", "x")), StirDecodeError.UnexpectedTag },
        { "mustInclude after all three", Seq(Include("a"), Permitted("b", "x"), Exclude("c"), Include("d")), StirDecodeError.UnexpectedTag },
        { "mustExclude claim with control char", Seq(Exclude("\t")), StirDecodeError.InvalidClaimName },
        { "mustExclude not wrapped in SEQUENCE", Seq(Ctx(2, Ia5("a"))), StirDecodeError.UnexpectedTag },
    };

    [Theory]
    [MemberData(nameof(EnhancedOnly))]
    public void Enhanced_Decode_rejects_bad_mustExclude(string why, byte[] der, StirDecodeError expected)
    {
        Assert.NotNull(why);
        StirAssert.Fails(expected, () => EnhancedJwtClaimConstraints.Decode(der));
    }

    public static TheoryData<int> ClaimVectorIndexes => [0, 1, 2];

    [Theory]
    [MemberData(nameof(ClaimVectorIndexes))]
    public void Every_truncation_of_a_valid_vector_is_Truncated(int vector)
    {
        byte[] der = Vectors.ClaimConstraints[vector];
        for (int length = 0; length < der.Length; length++)
        {
            byte[] prefix = der[..length];
            StirAssert.Fails(StirDecodeError.Truncated, () => EnhancedJwtClaimConstraints.Decode(prefix));
            StirAssert.Fails(StirDecodeError.Truncated, () => JwtClaimConstraints.Decode(prefix));
        }

        Assert.Equal(der, EnhancedJwtClaimConstraints.Decode(der).Encode());
    }

    [Theory]
    [MemberData(nameof(ClaimVectorIndexes))]
    public void Any_trailing_byte_is_TrailingData(int vector)
    {
        byte[] der = Vectors.ClaimConstraints[vector];
        foreach (byte extra in new byte[] { 0x00, 0x30, 0xA2, 0xFF })
        {
            StirAssert.Fails(StirDecodeError.TrailingData, () => EnhancedJwtClaimConstraints.Decode([.. der, extra]));
            StirAssert.Fails(StirDecodeError.TrailingData, () => JwtClaimConstraints.Decode([.. der, extra]));
        }
    }

    [Fact]
    public void Exactly_MaxItems_names_are_accepted()
    {
        string[] names = [.. Enumerable.Range(0, 1000).Select(i => $"c{i}")];
        byte[] der = Seq(Include(names));
        JwtClaimConstraints decoded = JwtClaimConstraints.Decode(der);
        Assert.Equal(names, decoded.MustInclude.ToArray());
        Assert.Equal(der, decoded.Encode());
    }

    [Fact]
    public void Permitted_values_that_no_UTF8String_can_carry_are_rejected_at_construction()
    {
        // Lone or reversed surrogates (built in code, not InlineData, so test serialization cannot mangle them).
        // Accepting them would make Encode, and with it record equality, throw an EncoderFallbackException later.
        foreach (string value in new[] { "\uD800", "a\uDC00b", "\uDE00\uD83D", "ok\uD83D" })
        {
            StirAssert.Fails(StirDecodeError.InvalidString, () => new JwtClaimValues("a", ["fine", value]));
        }

        Assert.Throws<ArgumentNullException>(() => new JwtClaimValues("a", ["fine", null!]));
    }

    [Fact]
    public void Permitted_values_with_surrogate_pairs_encode()
    {
        var values = new JwtClaimValues("a", ["\U0001F600", "x\uD83D\uDE00y"]);
        var constraints = new JwtClaimConstraints(null, [values]);
        Assert.Equal(constraints, JwtClaimConstraints.Decode(constraints.Encode()));
    }

    [Fact]
    public void Constructors_reject_what_the_decoders_reject()
    {
        StirAssert.Fails(StirDecodeError.MissingComponent, () => new JwtClaimConstraints(null, null));
        StirAssert.Fails(StirDecodeError.MissingComponent, () => new EnhancedJwtClaimConstraints(null, null, null));
        StirAssert.Fails(StirDecodeError.EmptyList, () => new JwtClaimConstraints([], null));
        StirAssert.Fails(StirDecodeError.EmptyList, () => new JwtClaimConstraints(null, []));
        StirAssert.Fails(StirDecodeError.EmptyList, () => new EnhancedJwtClaimConstraints(null, null, []));
        StirAssert.Fails(StirDecodeError.EmptyList, () => new JwtClaimValues("a", []));
        StirAssert.Fails(StirDecodeError.InvalidClaimName, () => new JwtClaimValues("", ["x"]));
        StirAssert.Fails(StirDecodeError.InvalidClaimName, () => new JwtClaimConstraints(["ok", "\u00E9"], null));
    }
}
