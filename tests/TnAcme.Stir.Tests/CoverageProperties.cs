using System.Globalization;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TnAcme.Stir.Tests.Support;

namespace TnAcme.Stir.Tests;

/// <summary>Set algebra of <see cref="TnCoverage"/>, checked against laws and a brute-force oracle.</summary>
[Properties(Arbitrary = [typeof(StirArbitraries)], MaxTest = 300)]
public class CoverageProperties
{
    private static string Pad(long value, int length) => value.ToString(CultureInfo.InvariantCulture).PadLeft(length, '0');

    private static TnCoverage Of(params TnEntry[] entries) => TnCoverage.Of(entries);

    [Property]
    public void Encompasses_is_reflexive(TnAuthList list)
    {
        Assert.True(list.Encompasses(list));
        Assert.True(TnCoverage.Of(list).Encompasses(TnCoverage.Of(list)));
    }

    [Property]
    public void Encompasses_is_transitive(SmallChain chain)
    {
        // The chain generator makes a ⊇ b ⊇ c hold most of the time (not always), so the premise is exercised.
        TnCoverage a = chain.A.Coverage, b = chain.B.Coverage, c = chain.C.Coverage;
        if (a.Encompasses(b) && b.Encompasses(c))
        {
            Assert.True(a.Encompasses(c));
        }

        if (c.Encompasses(b) && b.Encompasses(a))
        {
            Assert.True(c.Encompasses(a));
        }
    }

    [Fact]
    public void The_chain_generator_exercises_both_outcomes()
    {
        // Guards the property above against going vacuous if the generator changes.
        SmallChain[] chains = StirGen.Chain.Sample(500, 20);
        int holds = chains.Count(ch => ch.A.Coverage.Encompasses(ch.B.Coverage) && ch.B.Coverage.Encompasses(ch.C.Coverage));
        int fails = chains.Count(ch => !ch.A.Coverage.Encompasses(ch.C.Coverage));
        Assert.True(holds > 100, $"premise held in only {holds} of {chains.Length}");
        Assert.True(fails > 10, $"a ⊇ c failed in only {fails} of {chains.Length}");
    }

    [Property]
    public void Encompasses_is_transitive_along_range_sub_range_number(RangeWithin r)
    {
        // a ⊇ b ⊇ c by construction: the range, a sub-range of it, the last number of the sub-range.
        TnCoverage a = Of(new RangeEntry(r.Range)), b = Of(new RangeEntry(r.SubRange));
        TnCoverage c = Of(TnEntry.OfNumber(r.SubRange.NumberAt(r.SubCount - 1)));
        Assert.True(a.Encompasses(b));
        Assert.True(b.Encompasses(c));
        Assert.True(a.Encompasses(c));
    }

    [Property]
    public void Union_encompasses_both_sides(TnAuthList a, TnAuthList b)
    {
        TnCoverage union = TnCoverage.Of(a).Union(TnCoverage.Of(b));
        Assert.True(union.Encompasses(TnCoverage.Of(a)));
        Assert.True(union.Encompasses(TnCoverage.Of(b)));

        // Union agrees with building the coverage of both lists at once.
        TnCoverage together = TnCoverage.Of(a.Entries.Concat(b.Entries));
        Assert.True(union.Encompasses(together));
        Assert.True(together.Encompasses(union));
        Assert.True(TnAuthList.Create(a.Entries.Concat(b.Entries)).Encompasses(a));
    }

    [Property]
    public void Sub_range_and_member_of_a_range_are_encompassed(RangeWithin r)
    {
        TelephoneNumberRange range = r.Range;
        TnCoverage whole = Of(new RangeEntry(range));

        Assert.True(whole.Encompasses(Of(new RangeEntry(r.SubRange))));
        Assert.True(whole.Encompasses(Of(new OneEntry(r.MemberNumber))));
        Assert.True(whole.Contains(r.MemberNumber));
        Assert.True(range.Contains(r.MemberNumber));
        Assert.True(whole.Encompasses(Of(TnEntry.OfNumber(range.Start.Value), TnEntry.OfNumber(range.NumberAt(range.Count - 1)))));
        Assert.True(TnAuthList.Create(new RangeEntry(range)).Encompasses(TnAuthList.Create(new RangeEntry(r.SubRange), new OneEntry(r.MemberNumber))));
        Assert.Equal(range.Count, whole.NumberCount);
        Assert.Equal(r.SubCount, Of(new RangeEntry(r.SubRange)).NumberCount);
    }

    [Property]
    public void A_range_extended_by_one_number_is_not_encompassed(TelephoneNumberRange range)
    {
        int length = range.Length;
        TnCoverage whole = Of(new RangeEntry(range));
        bool extended = false;

        if (range.Last + 1 < StirGen.Pow10(length))
        {
            string after = Pad(range.Last + 1, length);
            Assert.False(whole.Encompasses(Of(TnEntry.OfRange(range.Start.Value, range.Count + 1))));
            Assert.False(whole.Encompasses(Of(TnEntry.OfNumber(after))));
            Assert.False(whole.Contains(TelephoneNumber.Parse(after)));
            Assert.True(Of(TnEntry.OfRange(range.Start.Value, range.Count + 1)).Encompasses(whole));
            extended = true;
        }

        if (range.First > 0)
        {
            string before = Pad(range.First - 1, length);
            Assert.False(whole.Encompasses(Of(TnEntry.OfRange(before, range.Count + 1))));
            Assert.False(whole.Encompasses(Of(TnEntry.OfNumber(before))));
            Assert.False(whole.Contains(TelephoneNumber.Parse(before)));
            Assert.True(Of(TnEntry.OfRange(before, range.Count + 1)).Encompasses(whole));
            extended = true;
        }

        // Only a range naming every number of its length cannot grow.
        Assert.Equal(!extended, range.First == 0 && range.Count == StirGen.Pow10(length));
    }

    [Property]
    public void Overlaps_is_symmetric(SmallList a, SmallList b, TnAuthList c, TnAuthList d)
    {
        Assert.Equal(a.Coverage.Overlaps(b.Coverage), b.Coverage.Overlaps(a.Coverage));
        Assert.Equal(TnCoverage.Of(c).Overlaps(TnCoverage.Of(d)), TnCoverage.Of(d).Overlaps(TnCoverage.Of(c)));
        Assert.True(TnCoverage.Of(c).Overlaps(TnCoverage.Of(c)));
    }

    [Property]
    public void Encompassing_a_non_empty_set_implies_overlapping(SmallChain chain, SmallList b, SmallList extra)
    {
        // Lists are never empty (a TNAuthList has at least one entry), so neither is their coverage.
        if (chain.A.Coverage.Encompasses(chain.B.Coverage))
        {
            Assert.True(chain.A.Coverage.Overlaps(chain.B.Coverage));
            Assert.True(chain.B.Coverage.Overlaps(chain.A.Coverage));
        }

        // And by construction, so the implication is exercised every time.
        TnCoverage bigger = TnCoverage.Of(b.Entries.Concat(extra.Entries));
        Assert.True(bigger.Encompasses(b.Coverage));
        Assert.True(bigger.Overlaps(b.Coverage));
    }

    [Property]
    public void Encompasses_and_Overlaps_agree_with_brute_force_sets(SmallList a, SmallList b)
    {
        AgreesWithOracle(a, b);
    }

    [Property]
    public void Encompasses_agrees_with_brute_force_sets_on_nested_lists(SmallChain chain)
    {
        AgreesWithOracle(chain.A, chain.B);
        AgreesWithOracle(chain.B, chain.C);
        AgreesWithOracle(chain.A, chain.C);
    }

    private static void AgreesWithOracle(SmallList a, SmallList b)
    {
        HashSet<string> sa = Oracle.Members(a.Entries), sb = Oracle.Members(b.Entries);
        Assert.Equal(sa.IsSupersetOf(sb), a.Coverage.Encompasses(b.Coverage));
        Assert.Equal(sb.IsSupersetOf(sa), b.Coverage.Encompasses(a.Coverage));
        Assert.Equal(sa.Overlaps(sb), a.Coverage.Overlaps(b.Coverage));
        Assert.Equal(sa.Count(m => !m.StartsWith("spc:", StringComparison.Ordinal)), a.Coverage.NumberCount);

        var union = new HashSet<string>(sa);
        union.UnionWith(sb);
        TnCoverage coverageUnion = a.Coverage.Union(b.Coverage);
        Assert.Equal(union.Count(m => !m.StartsWith("spc:", StringComparison.Ordinal)), coverageUnion.NumberCount);
        Assert.Equal(union.Where(m => m.StartsWith("spc:", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            coverageUnion.ServiceProviderCodes.Select(s => "spc:" + s));
    }

    [Property]
    public void Contains_agrees_with_brute_force_membership(SmallList list)
    {
        HashSet<string> members = Oracle.Members(list.Entries);
        foreach (string number in Oracle.UniverseNumbers())
        {
            Assert.Equal(members.Contains(number), list.Coverage.Contains(TelephoneNumber.Parse(number)));
        }

        foreach (string spc in new[] { "A", "B", "C", "D" })
        {
            Assert.Equal(members.Contains("spc:" + spc), list.Coverage.Contains(ServiceProviderCode.Parse(spc)));
        }
    }

    [Property]
    public void Range_Contains_agrees_with_enumeration(SmallRange small)
    {
        TelephoneNumberRange range = small.Range;
        HashSet<string> members = Oracle.Members([new RangeEntry(range)]);
        Assert.Equal(range.Count, members.Count);
        TnCoverage coverage = Of(new RangeEntry(range));
        foreach (string number in Oracle.UniverseNumbers())
        {
            bool expected = members.Contains(number);
            Assert.Equal(expected, range.Contains(TelephoneNumber.Parse(number)));
            Assert.Equal(expected, coverage.Contains(TelephoneNumber.Parse(number)));
        }

        for (long i = 0; i < range.Count; i++)
        {
            Assert.Contains(range.NumberAt(i), members);
        }
    }
}
