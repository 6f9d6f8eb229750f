using System.Text;
using TnAcme.Log.Entries;
using TnAcme.Stir;

namespace TnAcme.Log.Tests;

public sealed class LogEntryCodecTests
{
    [Fact]
    public void Issued_entries_encode_canonically_and_decode_to_the_same_entry()
    {
        var list = TnAuthList.Create(TnEntry.OfSpc("1234"), TnEntry.OfRange("12025550100", 100), TnEntry.OfNumber("12025550999"));
        var time = DateTimeOffset.Parse("2026-11-27T12:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture);
        LogEntry entry = LogEntryCodec.Issued("0A1B", "CN=Issuing CA, O=TnAcme", "acct1", "shaken-sp", list,
            time.AddMinutes(-5), time.AddDays(30), ["tkauth-01", "tkauth-01"], [1, 2, 3], time);
        byte[] bytes = LogEntryCodec.Encode(entry);
        string json = Encoding.UTF8.GetString(bytes);

        Assert.Equal(
            "{\"account\":\"acct1\",\"certificateSha256\":\"039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81\",\"challenges\":[\"tkauth-01\"]," +
            "\"issuer\":\"CN=Issuing CA, O=TnAcme\",\"kind\":\"issued\",\"notAfter\":\"2026-12-27T12:00:00.123Z\",\"notBefore\":\"2026-11-27T11:55:00.123Z\"," +
            "\"profile\":\"shaken-sp\",\"serial\":\"0A1B\",\"spcs\":[\"1234\"],\"time\":\"2026-11-27T12:00:00.123Z\",\"tnAuthList\":\"" + Convert.ToBase64String(list.Der) +
            "\",\"tnEntries\":[\"spc:1234\",\"range:12025550100+100\",\"one:12025550999\"],\"v\":1}",
            json);
        Assert.Equal(list.ToDer(), LogEntryCodec.ReadTnAuthList(bytes));
        LogEntry decoded = LogEntryCodec.Decode(bytes);
        Assert.Equal(bytes, LogEntryCodec.Encode(decoded));
        Assert.Equal(["1234"], decoded.Spcs);

        Assert.Equal(
            [new NumberInterval(11, 12025550100, 12025550199), new NumberInterval(11, 12025550999, 12025550999)],
            NumberInterval.Of(list).OrderBy(i => i.Start));
        Assert.Equal(2, NumberInterval.Of(list).Single(i => i.Start == 12025550100).SpanClass);
    }

    [Fact]
    public void Revoked_entries_round_trip_and_garbage_is_refused()
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
        byte[] bytes = LogEntryCodec.Encode(LogEntryCodec.Revoked("0A1B", "CN=CA", "acct1", time, 1, time));
        Assert.Equal("{\"account\":\"acct1\",\"issuer\":\"CN=CA\",\"kind\":\"revoked\",\"reason\":1,\"revokedAt\":\"2027-01-15T08:00:00.000Z\",\"serial\":\"0A1B\",\"time\":\"2027-01-15T08:00:00.000Z\",\"v\":1}",
            Encoding.UTF8.GetString(bytes));
        Assert.Equal(1, LogEntryCodec.Decode(bytes).Reason);
        Assert.Null(LogEntryCodec.ReadTnAuthList(bytes));
        Assert.Throws<FormatException>(() => LogEntryCodec.ReadTnAuthList("[1]"u8));
        Assert.Throws<FormatException>(() => LogEntryCodec.Decode("{\"v\":1}"u8));
        Assert.Throws<FormatException>(() => LogEntryCodec.Decode("not json"u8));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(9, 1)]
    [InlineData(10, 2)]
    [InlineData(99, 2)]
    [InlineData(100, 3)]
    [InlineData(999_999_999_999_999, 15)]
    public void Span_classes_bound_their_spans(long span, int expected)
    {
        Assert.Equal(expected, NumberInterval.SpanClassOf(span));
        Assert.True(span <= NumberInterval.MaxSpan(expected));
    }
}
