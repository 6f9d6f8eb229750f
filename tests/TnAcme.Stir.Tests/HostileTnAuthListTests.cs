using TnAcme.Stir.Tests.Support;
using static TnAcme.Stir.Tests.Support.Der;

namespace TnAcme.Stir.Tests;

/// <summary>Malformed TNAuthList DER: every case must fail with one specific <see cref="StirDecodeError"/>.</summary>
public class HostileTnAuthListTests
{
    private static readonly byte[] Count1000 = [0x03, 0xE8];

    /// <summary>A valid list of 137 content bytes, so its length needs the long form 81 89.</summary>
    private static byte[] LongList()
    {
        byte[] der = List([.. Enumerable.Repeat(One("1"), 26).SelectMany(e => e), .. Spc("ABC")]);
        Assert.Equal([0x30, 0x81, 0x89], der[..3]);
        return der;
    }

    public static TheoryData<string, byte[], StirDecodeError> Cases => new()
    {
        // Framing.
        { "empty input", [], StirDecodeError.Truncated },
        { "tag only", [0x30], StirDecodeError.Truncated },
        { "trailing garbage", Concat(Vectors.Spc, [0x00]), StirDecodeError.TrailingData },
        { "second list after the first", Concat(Vectors.Spc, Vectors.Spc), StirDecodeError.TrailingData },
        { "outer SET instead of SEQUENCE", Hex("3108A006160431323334"), StirDecodeError.UnexpectedTag },
        { "outer IA5String", Hex("160431323334"), StirDecodeError.UnexpectedTag },
        { "outer multi-byte tag", Hex("3F0108"), StirDecodeError.UnexpectedTag },
        { "outer indefinite length", Hex("3080A0061604313233340000"), StirDecodeError.IndefiniteLength },
        { "inner indefinite length", Hex("300AA0801604313233340000"), StirDecodeError.IndefiniteLength },
        { "string indefinite length", Hex("300AA0081680313233340000"), StirDecodeError.IndefiniteLength },
        { "outer length 81 08", Hex("308108A006160431323334"), StirDecodeError.NonMinimalLength },
        { "outer length 81 7F", Hex("30817F"), StirDecodeError.NonMinimalLength },
        { "outer length 82 00 08", Hex("30820008A006160431323334"), StirDecodeError.NonMinimalLength },
        { "inner length 81 06", Hex("3009A08106160431323334"), StirDecodeError.NonMinimalLength },
        { "string length 81 04", Hex("3009A00716810431323334"), StirDecodeError.NonMinimalLength },
        { "length 84 FF FF FF FF", Hex("3084FFFFFFFF"), StirDecodeError.LengthTooLarge },
        { "length 84 7F FF FF FF", Hex("30847FFFFFFFA006160431323334"), StirDecodeError.LengthTooLarge },
        { "length 85 01 00 00 00 00", Hex("30850100000000"), StirDecodeError.LengthTooLarge },
        { "length 88, eight length bytes", Hex("30880000000000000008"), StirDecodeError.LengthTooLarge },
        { "length 83 10 00 01 (1 MiB + 1)", Hex("3083100001"), StirDecodeError.LengthTooLarge },
        { "reserved length FF", Hex("30FF"), StirDecodeError.LengthTooLarge },
        { "inner huge length", Hex("300AA084FFFFFFFF16043132"), StirDecodeError.LengthTooLarge },
        { "length 82 00 89, leading zero before a long-form value", Concat(Hex("30820089"), LongList()[3..]), StirDecodeError.NonMinimalLength },
        { "length 83 00 00 89", Concat(Hex("3083000089"), LongList()[3..]), StirDecodeError.NonMinimalLength },
        { "declared 1 MiB, 8 bytes given", Hex("30830FFFFFA006160431323334"), StirDecodeError.Truncated },
        { "long-form length bytes missing", Hex("3082"), StirDecodeError.Truncated },

        // The list itself.
        { "empty list", Hex("3000"), StirDecodeError.EmptyList },
        { "unknown CHOICE [3]", List(Ctx(3, Ia5("1234"))), StirDecodeError.UnexpectedTag },
        { "IMPLICIT spc [0] primitive", Hex("3006800431323334"), StirDecodeError.UnexpectedTag },
        { "universal entry, not a CHOICE tag", List(Ia5("1234")), StirDecodeError.UnexpectedTag },
        { "good entry then garbage entry", Concat(Hex("300A"), Spc("1234"), [0x05, 0x00]), StirDecodeError.UnexpectedTag },
        { "entry length runs past the list", Hex("3004A0061604"), StirDecodeError.Truncated },

        // SPC.
        { "empty SPC", List(Spc("")), StirDecodeError.InvalidServiceProviderCode },
        { "SPC with a space", List(Spc("12 4")), StirDecodeError.InvalidServiceProviderCode },
        { "SPC with a control character", List(Spc("12\u00014")), StirDecodeError.InvalidServiceProviderCode },
        { "SPC of 65 characters", List(Spc(new string('A', 65))), StirDecodeError.InvalidServiceProviderCode },
        { "SPC with a non-ASCII byte", List(Spc("12\u00E94")), StirDecodeError.InvalidString },
        { "SPC as UTF8String", List(Ctx(0, Utf8("1234"))), StirDecodeError.UnexpectedTag },
        { "SPC as BER constructed IA5String", List(Ctx(0, Tlv(0x36, Ia5("12"), Ia5("34")))), StirDecodeError.UnexpectedTag },
        { "two strings in one spc entry", List(Ctx(0, Ia5("1234"), Ia5("5678"))), StirDecodeError.TrailingData },
        { "spc entry with nothing inside", List(Ctx(0)), StirDecodeError.Truncated },

        // one.
        { "empty number", List(One("")), StirDecodeError.InvalidTelephoneNumber },
        { "16-digit number", List(One("1234567890123456")), StirDecodeError.InvalidTelephoneNumber },
        { "number with a letter", List(One("1212555a824")), StirDecodeError.InvalidTelephoneNumber },
        { "number with a plus", List(One("+12125551824")), StirDecodeError.InvalidTelephoneNumber },
        { "number with a space", List(One("1212 5551824")), StirDecodeError.InvalidTelephoneNumber },
        { "number with a NUL", List(One("1212\u00005551824")), StirDecodeError.InvalidTelephoneNumber },
        { "number with a non-ASCII byte", List(One("1212\u00FF5551824")), StirDecodeError.InvalidString },
        { "number as UTF8String", List(Ctx(2, Utf8("12125551824"))), StirDecodeError.UnexpectedTag },
        { "number as BER constructed IA5String", List(Ctx(2, Tlv(0x36, Ia5("1212"), Ia5("5551824")))), StirDecodeError.UnexpectedTag },
        { "one entry with trailing element", List(Ctx(2, Ia5("1212"), Hex("0500"))), StirDecodeError.TrailingData },

        // range.
        { "count 0", List(Range("12125551000", 0x00)), StirDecodeError.InvalidRangeCount },
        { "count 1", List(Range("12125551000", 0x01)), StirDecodeError.InvalidRangeCount },
        { "count -1", List(Range("12125551000", 0xFF)), StirDecodeError.InvalidRangeCount },
        { "count -1000", List(Range("12125551000", 0xFC, 0x18)), StirDecodeError.InvalidRangeCount },
        { "count empty INTEGER", List(Range("12125551000")), StirDecodeError.InvalidInteger },
        { "count with leading 00", List(Range("12125551000", 0x00, 0x03, 0xE8)), StirDecodeError.NonDerEncoding },
        { "count 2 as 00 02", List(Range("12125551000", 0x00, 0x02)), StirDecodeError.NonDerEncoding },
        { "count -1 as FF FF", List(Range("12125551000", 0xFF, 0xFF)), StirDecodeError.NonDerEncoding },
        { "count of 65 bytes", List(Range("12125551000", [0x01, .. new byte[64]])), StirDecodeError.InvalidInteger },
        { "count 2^64 overflows", List(Range("12125551000", 0x01, 0, 0, 0, 0, 0, 0, 0, 0)), StirDecodeError.RangeOverflow },
        { "start 10 count 91 overflows", List(Range("10", 91)), StirDecodeError.RangeOverflow },
        { "start 9 count 2 overflows", List(Range("9", 2)), StirDecodeError.RangeOverflow },
        { "start 99999999999 count 2 overflows", List(Range("99999999999", 2)), StirDecodeError.RangeOverflow },
        { "16-digit start", List(Range("1234567890123456", Count1000)), StirDecodeError.InvalidTelephoneNumber },
        { "empty start", List(Range("", Count1000)), StirDecodeError.InvalidTelephoneNumber },
        { "start with a #", List(Range("1212555#000", Count1000)), StirDecodeError.InvalidTelephoneNumber },
        { "start with a *", List(Range("*2125551000", Count1000)), StirDecodeError.InvalidTelephoneNumber },
        { "start with a letter", List(Range("1212555a000", Count1000)), StirDecodeError.InvalidTelephoneNumber },
        { "start with a non-ASCII byte", List(Range("1212555\u0080000", Count1000)), StirDecodeError.InvalidString },
        { "count as a string", List(Ctx(1, Seq(Ia5("12125551000"), Ia5("1000")))), StirDecodeError.UnexpectedTag },
        { "count before start", List(Ctx(1, Seq(Int(Count1000), Ia5("12125551000")))), StirDecodeError.UnexpectedTag },
        { "count missing", List(Ctx(1, Seq(Ia5("12125551000")))), StirDecodeError.Truncated },
        { "empty range SEQUENCE", List(Ctx(1, Seq())), StirDecodeError.Truncated },
        { "range not wrapped in SEQUENCE", List(Ctx(1, Ia5("12125551000"), Int(Count1000))), StirDecodeError.UnexpectedTag },
        { "extension member after count", List(Ctx(1, Seq(Ia5("12125551000"), Int(Count1000), Hex("0500")))), StirDecodeError.TrailingData },
        { "two SEQUENCEs in one range entry", List(Ctx(1, Seq(Ia5("10"), Int(2)), Seq(Ia5("20"), Int(2)))), StirDecodeError.TrailingData },
        { "range SEQUENCE as SET", List(Ctx(1, Tlv(0x31, Ia5("12125551000"), Int(Count1000)))), StirDecodeError.UnexpectedTag },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_rejects(string why, byte[] der, StirDecodeError expected)
    {
        Assert.NotNull(why);
        StirAssert.Fails(expected, () => TnAuthList.Decode(der));

        Assert.False(TnAuthList.TryDecode(der, out TnAuthList? list, out StirDecodeException? error));
        Assert.Null(list);
        Assert.Equal(expected, Assert.IsType<StirDecodeException>(error).Error);
    }

    public static TheoryData<string, byte[]> Valid => new()
    {
        { "15-digit number", List(One("123456789012345")) },
        { "number with # and *", List(One("*67#")) },
        { "single-digit number", List(One("0")) },
        { "start 10 count 90 reaches 99", List(Range("10", 90)) },
        { "start 0 count 10 covers 0..9", List(Range("0", 10)) },
        { "count 128 needs a leading 00", List(Range("100", 0x00, 0x80)) },
        { "64-character SPC", List(Spc(new string('Z', 64))) },
        { "long-form outer length 81 89", LongList() },
        { "smallest long-form outer length, 81 80", List([.. Enumerable.Repeat(One("1"), 24).SelectMany(e => e), .. One("1234")]) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Decode_accepts_edge_cases_and_re_encodes_them_exactly(string why, byte[] der)
    {
        Assert.NotNull(why);
        TnAuthList list = TnAuthList.Decode(der);
        Assert.Equal(der, TnAuthList.Create(list.Entries).ToDer());
    }

    [Fact]
    public void Range_overflow_boundary_start_10()
    {
        Assert.Equal(99, TnAuthList.Decode(List(Range("10", 90))).Entries.OfType<RangeEntry>().Single().Range.Last);
        StirAssert.Fails(StirDecodeError.RangeOverflow, () => TelephoneNumberRange.Create("10", 91));
        Assert.Equal(99, TelephoneNumberRange.Create("10", 90).Last);
    }

    public static TheoryData<int> VectorIndexes => [0, 1, 2, 3];

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Every_truncation_of_a_valid_vector_is_Truncated(int vector)
    {
        byte[] der = Vectors.TnAuthLists[vector];
        for (int length = 0; length < der.Length; length++)
        {
            byte[] prefix = der[..length];
            StirAssert.Fails(StirDecodeError.Truncated, () => TnAuthList.Decode(prefix));
        }

        Assert.Equal(der, TnAuthList.Decode(der).ToDer());
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Any_trailing_byte_after_a_valid_vector_is_TrailingData(int vector)
    {
        byte[] der = Vectors.TnAuthLists[vector];
        foreach (byte extra in new byte[] { 0x00, 0x30, 0xA0, 0xFF })
        {
            StirAssert.Fails(StirDecodeError.TrailingData, () => TnAuthList.Decode([.. der, extra]));
        }
    }

    [Fact]
    public void More_than_MaxEntries_is_rejected()
    {
        byte[] one = One("1");
        byte[] atLimit = List([.. Enumerable.Repeat(one, TnAuthList.MaxEntries).SelectMany(e => e)]);
        Assert.Equal(TnAuthList.MaxEntries, TnAuthList.Decode(atLimit).Entries.Length);

        byte[] overLimit = List([.. Enumerable.Repeat(one, TnAuthList.MaxEntries + 1).SelectMany(e => e)]);
        StirAssert.Fails(StirDecodeError.LengthTooLarge, () => TnAuthList.Decode(overLimit));
    }

    [Fact]
    public void Create_rejects_an_empty_list()
    {
        StirAssert.Fails(StirDecodeError.EmptyList, () => TnAuthList.Create());
        StirAssert.Fails(StirDecodeError.EmptyList, () => TnAuthList.Create(Array.Empty<TnEntry>().AsEnumerable()));
    }
}
