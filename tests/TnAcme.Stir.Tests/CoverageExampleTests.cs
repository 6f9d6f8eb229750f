using System.Diagnostics;

namespace TnAcme.Stir.Tests;

/// <summary>Worked examples of encompassing that the properties alone would rarely hit.</summary>
public class CoverageExampleTests
{
    private static TnCoverage Of(params TnEntry[] entries) => TnCoverage.Of(entries);

    private static TelephoneNumber N(string s) => TelephoneNumber.Parse(s);

    [Fact]
    public void Adjacent_ranges_together_encompass_a_range_spanning_both()
    {
        TnCoverage first = Of(TnEntry.OfRange("10", 10));   // 10..19
        TnCoverage second = Of(TnEntry.OfRange("20", 10));  // 20..29
        TnCoverage wanted = Of(TnEntry.OfRange("15", 11));  // 15..25

        Assert.False(first.Encompasses(wanted));
        Assert.False(second.Encompasses(wanted));
        Assert.True(first.Union(second).Encompasses(wanted));
        Assert.True(Of(TnEntry.OfRange("20", 10), TnEntry.OfRange("10", 10)).Encompasses(wanted));
        Assert.True(TnAuthList.Create(TnEntry.OfRange("10", 10), TnEntry.OfRange("20", 10))
            .Encompasses(TnAuthList.Create(TnEntry.OfRange("15", 11))));

        // With a one-number gap (20 missing) they do not.
        Assert.False(Of(TnEntry.OfRange("10", 10), TnEntry.OfRange("21", 9)).Encompasses(wanted));
        Assert.True(Of(TnEntry.OfRange("10", 10), TnEntry.OfRange("21", 9), TnEntry.OfNumber("20")).Encompasses(wanted));
    }

    [Fact]
    public void A_range_of_ten_to_the_fourteen_numbers_is_handled_without_enumeration()
    {
        var clock = Stopwatch.StartNew();
        const long Huge = 100_000_000_000_000;
        TnCoverage huge = Of(TnEntry.OfRange("100000000000000", Huge)); // 1e14 .. 2e14-1, 15 digits

        Assert.Equal(Huge, huge.NumberCount);
        Assert.True(huge.Contains(N("100000000000000")));
        Assert.True(huge.Contains(N("199999999999999")));
        Assert.False(huge.Contains(N("200000000000000")));
        Assert.False(huge.Contains(N("099999999999999")));
        Assert.False(huge.Contains(N("10000000000000")));
        Assert.True(huge.Encompasses(Of(TnEntry.OfRange("150000000000000", Huge / 2))));
        Assert.True(huge.Encompasses(huge));
        Assert.False(huge.Encompasses(Of(TnEntry.OfRange("199999999999999", 2))));
        Assert.True(huge.Overlaps(Of(TnEntry.OfRange("199999999999999", 2))));

        // Two adjacent ranges of 10^14 cover the 2*10^14-number range spanning both.
        TnCoverage next = Of(TnEntry.OfRange("200000000000000", Huge));
        TnCoverage both = huge.Union(next);
        Assert.Equal(2 * Huge, both.NumberCount);
        Assert.True(both.Encompasses(Of(TnEntry.OfRange("100000000000000", 2 * Huge))));
        Assert.False(huge.Encompasses(Of(TnEntry.OfRange("100000000000000", Huge + 1))));

        // Every 14-digit number at once.
        TnCoverage all14 = Of(TnEntry.OfRange("00000000000000", Huge));
        Assert.Equal(Huge, all14.NumberCount);
        Assert.True(all14.Contains(N("99999999999999")));
        Assert.False(all14.Contains(N("999999999999999")));

        // Enumerating 10^14 numbers would take days; interval arithmetic takes microseconds.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Numbers_of_different_lengths_are_different_numbers()
    {
        TnCoverage leadingZero = Of(TnEntry.OfNumber("0123"));
        TnCoverage plain = Of(TnEntry.OfNumber("123"));

        Assert.True(leadingZero.Contains(N("0123")));
        Assert.False(leadingZero.Contains(N("123")));
        Assert.False(plain.Contains(N("0123")));
        Assert.False(leadingZero.Overlaps(plain));
        Assert.False(leadingZero.Encompasses(plain));
        Assert.False(plain.Encompasses(leadingZero));
        Assert.Equal(2, leadingZero.Union(plain).NumberCount);
        Assert.NotEqual(TnAuthList.Create(TnEntry.OfNumber("0123")), TnAuthList.Create(TnEntry.OfNumber("123")));

        TnCoverage range4 = Of(TnEntry.OfRange("0100", 100)); // 0100..0199
        Assert.True(range4.Contains(N("0150")));
        Assert.False(range4.Contains(N("150")));
        Assert.False(range4.Overlaps(Of(TnEntry.OfRange("100", 100))));
        Assert.False(Of(TnEntry.OfRange("100", 100)).Contains(N("0150")));
        Assert.False(TelephoneNumberRange.Create("0100", 100).Contains(N("150")));
    }

    [Fact]
    public void Numbers_with_hash_or_star_match_only_literally()
    {
        TnCoverage literal = Of(TnEntry.OfNumber("*67#"));
        Assert.True(literal.Contains(N("*67#")));
        Assert.False(literal.Contains(N("67")));
        Assert.False(literal.Contains(N("*67")));
        Assert.Equal(1, literal.NumberCount);
        Assert.False(Of(TnEntry.OfRange("0000", 10000)).Contains(N("*67#")));
        Assert.False(Of(TnEntry.OfRange("0000", 10000)).Encompasses(literal));
        Assert.False(TelephoneNumberRange.Create("0000", 10000).Contains(N("12#4")));
    }

    [Fact]
    public void An_spc_covers_only_itself()
    {
        TnCoverage spc = Of(TnEntry.OfSpc("1234"));
        Assert.True(spc.Contains(ServiceProviderCode.Parse("1234")));
        Assert.False(spc.Contains(N("1234")));
        Assert.False(spc.Encompasses(Of(TnEntry.OfNumber("1234"))));
        Assert.False(Of(TnEntry.OfNumber("1234")).Encompasses(spc));
        Assert.False(spc.Overlaps(Of(TnEntry.OfNumber("1234"))));
        Assert.Equal(0, spc.NumberCount);
        Assert.False(spc.Encompasses(Of(TnEntry.OfSpc("12345"))));
    }

    [Fact]
    public void The_empty_coverage_is_encompassed_by_everything_and_overlaps_nothing()
    {
        TnCoverage some = Of(TnEntry.OfRange("10", 10), TnEntry.OfSpc("A"));
        Assert.True(some.Encompasses(TnCoverage.Empty));
        Assert.True(TnCoverage.Empty.Encompasses(TnCoverage.Empty));
        Assert.False(TnCoverage.Empty.Encompasses(some));
        Assert.False(TnCoverage.Empty.Overlaps(some));
        Assert.False(some.Overlaps(TnCoverage.Empty));
        Assert.True(Of().Encompasses(TnCoverage.Empty));
        Assert.Equal(0, TnCoverage.Empty.NumberCount);
    }

    [Fact]
    public void Overlapping_ranges_merge_and_count_once()
    {
        TnCoverage merged = Of(TnEntry.OfRange("100", 50), TnEntry.OfRange("120", 50), TnEntry.OfNumber("130"));
        Assert.Equal(70, merged.NumberCount); // 100..169
        Assert.True(merged.Encompasses(Of(TnEntry.OfRange("100", 70))));
        Assert.False(merged.Encompasses(Of(TnEntry.OfRange("100", 71))));
    }
}
