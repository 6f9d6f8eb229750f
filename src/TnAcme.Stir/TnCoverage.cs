using System.Collections.Immutable;

namespace TnAcme.Stir;

/// <summary>
/// The set of telephone numbers and SPCs a TNAuthList names, in a form that answers "encompasses" (RFC 9060 §4,
/// RFC 9448 token checks) with exact interval arithmetic: ranges are never enumerated, so a range of 10^14
/// numbers costs what a single number costs. Digit-only numbers of different lengths are different numbers
/// ("0123" is not "123"); numbers holding '#' or '*' match only literally. An SPC covers only that SPC: which
/// numbers it serves is not knowable from the certificate (RFC 9060 §4.1 leaves it to databases or tokens).
/// </summary>
public sealed class TnCoverage
{
    private readonly ImmutableSortedSet<string> _spcs;
    private readonly ImmutableSortedDictionary<int, ImmutableArray<Interval>> _intervals;
    private readonly ImmutableSortedSet<string> _literals;

    private TnCoverage(
        ImmutableSortedSet<string> spcs,
        ImmutableSortedDictionary<int, ImmutableArray<Interval>> intervals,
        ImmutableSortedSet<string> literals)
    {
        _spcs = spcs;
        _intervals = intervals;
        _literals = literals;
    }

    public static TnCoverage Empty { get; } = new(
        ImmutableSortedSet<string>.Empty.WithComparer(StringComparer.Ordinal),
        ImmutableSortedDictionary<int, ImmutableArray<Interval>>.Empty,
        ImmutableSortedSet<string>.Empty.WithComparer(StringComparer.Ordinal));

    public IReadOnlyCollection<string> ServiceProviderCodes => _spcs;

    /// <summary>How many distinct numbers are covered (SPCs excluded).</summary>
    public long NumberCount =>
        _literals.Count + _intervals.Values.Sum(list => list.Sum(i => i.Hi - i.Lo + 1));

    public static TnCoverage Of(TnAuthList list) => Of(list.Entries);

    public static TnCoverage Of(IEnumerable<TnEntry> entries)
    {
        ImmutableSortedSet<string>.Builder spcs = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        ImmutableSortedSet<string>.Builder literals = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        var raw = new SortedDictionary<int, List<Interval>>();
        foreach (TnEntry entry in entries)
        {
            switch (entry)
            {
                case SpcEntry spc:
                    spcs.Add(spc.Code.Value);
                    break;
                case RangeEntry range:
                    Add(raw, range.Range.Length, new Interval(range.Range.First, range.Range.Last));
                    break;
                case OneEntry one when one.Number.IsDigitsOnly:
                    long v = long.Parse(one.Number.Value, System.Globalization.CultureInfo.InvariantCulture);
                    Add(raw, one.Number.Value.Length, new Interval(v, v));
                    break;
                case OneEntry one:
                    literals.Add(one.Number.Value);
                    break;
            }
        }

        return new TnCoverage(spcs.ToImmutable(), Normalize(raw), literals.ToImmutable());
    }

    public TnCoverage Union(TnCoverage other)
    {
        var raw = new SortedDictionary<int, List<Interval>>();
        foreach (var source in new[] { _intervals, other._intervals })
        {
            foreach (var (length, list) in source)
            {
                foreach (Interval i in list)
                {
                    Add(raw, length, i);
                }
            }
        }

        return new TnCoverage(_spcs.Union(other._spcs), Normalize(raw), _literals.Union(other._literals));
    }

    /// <summary>True when every SPC and every number <paramref name="other"/> names is named here too.</summary>
    public bool Encompasses(TnCoverage other)
    {
        if (!other._spcs.IsSubsetOf(_spcs) || !other._literals.IsSubsetOf(_literals))
        {
            return false;
        }

        foreach (var (length, list) in other._intervals)
        {
            if (!_intervals.TryGetValue(length, out ImmutableArray<Interval> mine))
            {
                return false;
            }

            foreach (Interval needed in list)
            {
                if (!ContainsInterval(mine, needed))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>True when some SPC or number is named by both.</summary>
    public bool Overlaps(TnCoverage other)
    {
        if (_spcs.Overlaps(other._spcs) || _literals.Overlaps(other._literals))
        {
            return true;
        }

        foreach (var (length, list) in other._intervals)
        {
            if (_intervals.TryGetValue(length, out ImmutableArray<Interval> mine) &&
                list.Any(i => OverlapsAny(mine, i)))
            {
                return true;
            }
        }

        return false;
    }

    public bool Contains(TelephoneNumber number)
    {
        if (!number.IsDigitsOnly)
        {
            return _literals.Contains(number.Value);
        }

        long v = long.Parse(number.Value, System.Globalization.CultureInfo.InvariantCulture);
        return _intervals.TryGetValue(number.Value.Length, out ImmutableArray<Interval> mine) &&
               ContainsInterval(mine, new Interval(v, v));
    }

    public bool Contains(ServiceProviderCode spc) => _spcs.Contains(spc.Value);

    private static void Add(SortedDictionary<int, List<Interval>> raw, int length, Interval interval)
    {
        if (!raw.TryGetValue(length, out List<Interval>? list))
        {
            raw[length] = list = [];
        }

        list.Add(interval);
    }

    /// <summary>Sorts and merges overlapping or adjacent intervals, so containment is one binary search.</summary>
    private static ImmutableSortedDictionary<int, ImmutableArray<Interval>> Normalize(SortedDictionary<int, List<Interval>> raw)
    {
        ImmutableSortedDictionary<int, ImmutableArray<Interval>>.Builder result = ImmutableSortedDictionary.CreateBuilder<int, ImmutableArray<Interval>>();
        foreach (var (length, list) in raw)
        {
            list.Sort((a, b) => a.Lo.CompareTo(b.Lo));
            ImmutableArray<Interval>.Builder merged = ImmutableArray.CreateBuilder<Interval>();
            Interval current = list[0];
            for (int i = 1; i < list.Count; i++)
            {
                Interval next = list[i];
                if (next.Lo <= current.Hi + 1)
                {
                    current = new Interval(current.Lo, Math.Max(current.Hi, next.Hi));
                }
                else
                {
                    merged.Add(current);
                    current = next;
                }
            }

            merged.Add(current);
            result[length] = merged.ToImmutable();
        }

        return result.ToImmutable();
    }

    private static bool ContainsInterval(ImmutableArray<Interval> merged, Interval needed)
    {
        int index = FindLastStartingAtOrBefore(merged, needed.Lo);
        return index >= 0 && merged[index].Hi >= needed.Hi;
    }

    private static bool OverlapsAny(ImmutableArray<Interval> merged, Interval probe)
    {
        int index = FindLastStartingAtOrBefore(merged, probe.Hi);
        return index >= 0 && merged[index].Hi >= probe.Lo;
    }

    private static int FindLastStartingAtOrBefore(ImmutableArray<Interval> merged, long value)
    {
        int lo = 0, hi = merged.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) / 2);
            if (merged[mid].Lo <= value)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private readonly record struct Interval(long Lo, long Hi);
}
