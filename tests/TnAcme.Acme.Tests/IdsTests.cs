using System.Globalization;
using System.Text.RegularExpressions;

namespace TnAcme.Acme.Tests;

/// <summary><see cref="Ids.TimeOrdered"/>: 48 bits of Unix milliseconds, then 80 random bits, as lowercase hex.</summary>
public sealed partial class IdsTests
{
    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex LowercaseHex32();

    [Fact]
    public void A_time_ordered_id_is_32_lowercase_hex_characters()
    {
        for (int i = 0; i < 200; i++)
        {
            string id = Ids.TimeOrdered(DateTimeOffset.UtcNow);
            Assert.Matches(LowercaseHex32(), id);
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(1_700_000_000_000L)]
    [InlineData(1_795_000_000_123L)]
    [InlineData(253_402_300_799_999L)] // 9999-12-31T23:59:59.999Z, the last DateTimeOffset
    public void The_first_12_hex_characters_are_the_unix_milliseconds(long milliseconds)
    {
        DateTimeOffset at = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

        string id = Ids.TimeOrdered(at);

        Assert.Equal(milliseconds.ToString("x12", CultureInfo.InvariantCulture), id[..12]);
        Assert.Equal(milliseconds, long.Parse(id[..12], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_time_is_the_instant_whatever_the_offset_and_below_a_millisecond_it_is_cut()
    {
        DateTimeOffset utc = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_123L);

        Assert.Equal(Ids.TimeOrdered(utc)[..12], Ids.TimeOrdered(utc.ToOffset(TimeSpan.FromHours(-5)))[..12]);
        Assert.Equal(Ids.TimeOrdered(utc)[..12], Ids.TimeOrdered(utc.AddTicks(9_999))[..12]);
        Assert.NotEqual(Ids.TimeOrdered(utc)[..12], Ids.TimeOrdered(utc.AddTicks(10_000))[..12]);
    }

    [Fact]
    public void Ids_from_later_times_sort_after_ids_from_earlier_ones()
    {
        DateTimeOffset start = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_000L);
        // One millisecond apart, then a carry across hex digits, then far apart.
        DateTimeOffset[] times = [start, start.AddMilliseconds(1), start.AddMilliseconds(15), start.AddMilliseconds(16), start.AddMilliseconds(256), start.AddDays(1), start.AddYears(50)];
        for (int round = 0; round < 50; round++)
        {
            string[] ids = times.Select(Ids.TimeOrdered).ToArray();
            for (int i = 1; i < ids.Length; i++)
            {
                Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0, $"{ids[i - 1]} (at {times[i - 1]:O}) does not sort before {ids[i]} (at {times[i]:O})");
            }
        }
    }

    [Fact]
    public void Ids_from_the_same_millisecond_differ_in_their_random_part()
    {
        DateTimeOffset at = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_000L);

        string[] ids = Enumerable.Range(0, 1_000).Select(_ => Ids.TimeOrdered(at)).ToArray();

        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(ids[0][..12], id[..12]));
        // 80 random bits: the part after the time varies in every position, including the two bytes right after it.
        Assert.True(ids.Select(id => id[12..16]).Distinct(StringComparer.Ordinal).Count() > 1);
        Assert.True(ids.Select(id => id[28..]).Distinct(StringComparer.Ordinal).Count() > 1);
    }
}
