using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace TnAcme.Stir.Tests.Support;

/// <summary>FsCheck generators for the STIR domain.</summary>
internal static class StirGen
{
    private const string DigitChars = "0123456789";

    public static long Pow10(int n)
    {
        long result = 1;
        for (int i = 0; i < n; i++)
        {
            result *= 10;
        }

        return result;
    }

    public static Gen<string> Digits(int length) =>
        Gen.ArrayOf(Gen.Elements(DigitChars.ToCharArray()), length).Select(c => new string(c));

    /// <summary>Uniform in [lo, hi] for any span up to 2^62.</summary>
    public static Gen<long> LongBetween(long lo, long hi) =>
        Gen.Choose(0, int.MaxValue).SelectMany(a => Gen.Choose(0, int.MaxValue).Select(b =>
            lo + (long)((((ulong)a << 31) | (uint)b) % (ulong)(hi - lo + 1))));

    /// <summary>A count in [2, room], biased to small counts and to the largest allowed one.</summary>
    public static Gen<long> Count(long room) => Gen.Frequency(
        (3, LongBetween(2, Math.Min(room, 1000))),
        (2, LongBetween(2, room)),
        (1, Gen.Constant(room)));

    public static Gen<TelephoneNumber> Number(int minLength = 1, int maxLength = TelephoneNumber.MaxLength) => Gen.Frequency(
        (4, Gen.Choose(minLength, maxLength).SelectMany(Digits)),
        (1, Gen.Choose(minLength, maxLength)
            .SelectMany(n => Gen.ArrayOf(Gen.Elements("0123456789#*".ToCharArray()), n))
            .Select(c => new string(c))))
        .Select(TelephoneNumber.Parse);

    public static Gen<TelephoneNumberRange> Range(int minLength, int maxLength, long maxCount = long.MaxValue) =>
        from length in Gen.Choose(minLength, maxLength)
        from start in Digits(length)
        let room = Math.Min(maxCount, Pow10(length) - long.Parse(start, CultureInfo.InvariantCulture))
        where room >= 2
        from count in Count(room)
        select TelephoneNumberRange.Create(start, count);

    /// <summary>Uniform in [lo, hi], with the two ends each drawn one time in six.</summary>
    public static Gen<long> LongBetweenWithEdges(long lo, long hi) => Gen.Frequency(
        (4, LongBetween(lo, hi)), (1, Gen.Constant(lo)), (1, Gen.Constant(hi)));

    /// <summary>A range with a sub-range (offset, count) and a member index inside it, anywhere in the range.</summary>
    public static Gen<RangeWithin> RangeWithin =>
        from range in Range(1, TelephoneNumber.MaxLength)
        from offset in LongBetweenWithEdges(0, range.Count - 2)
        from count in LongBetweenWithEdges(2, range.Count - offset)
        from member in LongBetweenWithEdges(0, range.Count - 1)
        select new RangeWithin(range, offset, count, member);

    public static Gen<ServiceProviderCode> Spc =>
        Gen.Choose(1, 6)
            .SelectMany(n => Gen.ArrayOf(Gen.Elements("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-.".ToCharArray()), n))
            .Select(c => ServiceProviderCode.Parse(new string(c)));

    public static Gen<TnEntry> Entry => Gen.Frequency(
        (1, Spc.Select(s => (TnEntry)new SpcEntry(s))),
        (2, Range(1, TelephoneNumber.MaxLength).Select(r => (TnEntry)new RangeEntry(r))),
        (2, Number().Select(n => (TnEntry)new OneEntry(n))));

    public static Gen<TnAuthList> List =>
        Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(Entry, n)).Select(TnAuthList.Create);

    /// <summary>
    /// Entries over a tiny universe (numbers of 1 to 3 digits, three SPCs, a few literals) so random lists
    /// often contain or overlap each other, and every member can be enumerated by an oracle.
    /// </summary>
    public static Gen<TnEntry> SmallEntry => Gen.Frequency(
        (1, Gen.Elements("A", "B", "C").Select(TnEntry.OfSpc)),
        (3, Range(1, 3, maxCount: 120).Select(r => (TnEntry)new RangeEntry(r))),
        (2, Gen.Choose(1, 3).SelectMany(Digits).Select(TnEntry.OfNumber)),
        (1, Gen.Elements("1#", "*2", "#").Select(TnEntry.OfNumber)));

    public static Gen<SmallList> SmallList =>
        Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(SmallEntry, n)).Select(e => new SmallList([.. e]));

    /// <summary>Something an entry encompasses: an SPC or number itself, or a sub-range or member of a range.</summary>
    public static Gen<TnEntry> Within(TnEntry entry) => entry switch
    {
        RangeEntry { Range: var r } => Gen.Frequency(
            (2, from offset in Gen.Choose(0, (int)r.Count - 2)
                from count in Gen.Choose(2, (int)r.Count - offset)
                select TnEntry.OfRange(r.NumberAt(offset), count)),
            (1, Gen.Choose(0, (int)r.Count - 1).Select(i => TnEntry.OfNumber(r.NumberAt(i))))),
        _ => Gen.Constant(entry),
    };

    /// <summary>
    /// Usually a list the given one encompasses (some of its entries, narrowed), but one time in four with an
    /// extra random entry that may fall outside it.
    /// </summary>
    public static Gen<SmallList> MostlyWithin(SmallList list) =>
        from narrowed in Gen.CollectToArray(list.Entries, Within)
        from keep in Gen.ArrayOf(Gen.Elements(true, false), narrowed.Length)
        from extra in Gen.Frequency((3, Gen.Constant<TnEntry[]>([])), (1, SmallEntry.Select(e => new[] { e })))
        let kept = narrowed.Where((_, i) => keep[i]).DefaultIfEmpty(narrowed[0])
        select new SmallList([.. kept, .. extra]);

    /// <summary>Three small lists, each mostly within the one before, so a ⊇ b ⊇ c holds often.</summary>
    public static Gen<SmallChain> Chain =>
        from a in SmallList
        from b in MostlyWithin(a)
        from c in MostlyWithin(b)
        select new SmallChain(a, b, c);

    public static Gen<string> ClaimName => Gen.Frequency(
        (1, Gen.Elements("iat", "orig", "dest", "attest", "origid", "div", "rcd", "crn", "confidence", "priority")),
        (2, Gen.Choose(1, 12)
            .SelectMany(n => Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(i => (char)i), n))
            .Select(c => new string(c))));

    /// <summary>UTF-8 values, including non-ASCII, astral (surrogate pair), NUL and empty.</summary>
    public static Gen<string> ClaimValue =>
        Gen.Choose(0, 6)
            .SelectMany(n => Gen.ArrayOf(
                Gen.Frequency(
                    (6, Gen.Choose(0x20, 0x7E).Select(i => ((char)i).ToString())),
                    (1, Gen.Elements("\u00E9", "\u00DF", "\u65E5", "\U0001F600", "\0", "\uFEFF", "\u20AC"))),
                n))
            .Select(parts => string.Concat(parts));

    public static Gen<JwtClaimValues> ClaimValues =>
        from claim in ClaimName
        from count in Gen.Choose(1, 4)
        from values in Gen.ArrayOf(ClaimValue, count)
        select new JwtClaimValues(claim, values);

    private static Gen<string[]> Names => Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(ClaimName, n));

    private static Gen<JwtClaimValues[]> PermittedList => Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(ClaimValues, n));

    public static Gen<JwtClaimConstraints> Jwt =>
        from present in Gen.Choose(1, 3)
        from include in Names
        from permitted in PermittedList
        select new JwtClaimConstraints(
            (present & 1) != 0 ? include : null,
            (present & 2) != 0 ? permitted : null);

    public static Gen<EnhancedJwtClaimConstraints> Enhanced =>
        from present in Gen.Choose(1, 7)
        from include in Names
        from permitted in PermittedList
        from exclude in Names
        select new EnhancedJwtClaimConstraints(
            (present & 1) != 0 ? include : null,
            (present & 2) != 0 ? permitted : null,
            (present & 4) != 0 ? exclude : null);
}

/// <summary>A list of entries from <see cref="StirGen.SmallEntry"/>.</summary>
public sealed record SmallList(ImmutableArray<TnEntry> Entries)
{
    public TnCoverage Coverage => TnCoverage.Of(Entries);

    public override string ToString() => string.Join(", ", Entries);
}

/// <summary>A range, a sub-range of it (as offset and count) and the index of one of its members.</summary>
public sealed record RangeWithin(TelephoneNumberRange Range, long SubOffset, long SubCount, long Member)
{
    public TelephoneNumberRange SubRange => TelephoneNumberRange.Create(Range.NumberAt(SubOffset), SubCount);

    public TelephoneNumber MemberNumber => TelephoneNumber.Parse(Range.NumberAt(Member));

    public override string ToString() => $"{Range} sub {SubRange} member {MemberNumber}";
}

/// <summary>Three small lists from <see cref="StirGen.Chain"/>.</summary>
public sealed record SmallChain(SmallList A, SmallList B, SmallList C)
{
    public override string ToString() => $"A = [{A}]; B = [{B}]; C = [{C}]";
}

/// <summary>A range of at most 1000 numbers of 1 to 3 digits, small enough to enumerate.</summary>
public sealed record SmallRange(TelephoneNumberRange Range)
{
    public override string ToString() => Range.ToString();
}

/// <summary>Registered with FsCheck by the property classes.</summary>
public static class StirArbitraries
{
    public static Arbitrary<TnAuthList> TnAuthListArb() => Arb.From(StirGen.List);

    public static Arbitrary<TnEntry> TnEntryArb() => Arb.From(StirGen.Entry);

    public static Arbitrary<TelephoneNumber> TelephoneNumberArb() => Arb.From(StirGen.Number());

    public static Arbitrary<TelephoneNumberRange> TelephoneNumberRangeArb() => Arb.From(StirGen.Range(1, TelephoneNumber.MaxLength));

    public static Arbitrary<SmallList> SmallListArb() => Arb.From(StirGen.SmallList);

    public static Arbitrary<RangeWithin> RangeWithinArb() => Arb.From(StirGen.RangeWithin);

    public static Arbitrary<SmallChain> SmallChainArb() => Arb.From(StirGen.Chain);

    public static Arbitrary<SmallRange> SmallRangeArb() => Arb.From(StirGen.Range(1, 3).Select(r => new SmallRange(r)));

    public static Arbitrary<JwtClaimConstraints> JwtClaimConstraintsArb() => Arb.From(StirGen.Jwt);

    public static Arbitrary<EnhancedJwtClaimConstraints> EnhancedJwtClaimConstraintsArb() => Arb.From(StirGen.Enhanced);
}

/// <summary>Brute-force set semantics of a list, for lists from the small universe only.</summary>
internal static class Oracle
{
    public static HashSet<string> Members(IEnumerable<TnEntry> entries)
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (TnEntry entry in entries)
        {
            switch (entry)
            {
                case SpcEntry spc:
                    members.Add("spc:" + spc.Code.Value);
                    break;
                case RangeEntry { Range: var range }:
                    Assert.True(range.Count <= 1000, "the oracle enumerates small ranges only");
                    string start = range.Start.Value;
                    long first = long.Parse(start, CultureInfo.InvariantCulture);
                    for (long i = 0; i < range.Count; i++)
                    {
                        members.Add((first + i).ToString(CultureInfo.InvariantCulture).PadLeft(start.Length, '0'));
                    }

                    break;
                case OneEntry one:
                    members.Add(one.Number.Value);
                    break;
            }
        }

        return members;
    }

    /// <summary>Every number of 1 to 3 digits, plus the literals the small generator uses.</summary>
    public static IEnumerable<string> UniverseNumbers() =>
        Enumerable.Range(1, 3)
            .SelectMany(length => Enumerable.Range(0, (int)StirGen.Pow10(length))
                .Select(v => v.ToString(CultureInfo.InvariantCulture).PadLeft(length, '0')))
            .Concat(["1#", "*2", "#"]);
}
