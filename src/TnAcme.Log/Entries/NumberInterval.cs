using System.Globalization;
using TnAcme.Stir;

namespace TnAcme.Log.Entries;

/// <summary>
/// Numbers a TNAuthList names, as intervals of equal-length digit strings ("one" = [n, n], a range =
/// [start, start+count−1]): the shape the by-number index stores. Numbers with '#' or '*' are not indexed.
/// </summary>
public readonly record struct NumberInterval(int Length, long Start, long End)
{
    /// <summary>
    /// Width class: the number of decimal digits of (End − Start). The index keeps intervals of each class apart,
    /// so a lookup for n scans starts in [n − (10^class − 1), n] per class: bounded by the class, not by the
    /// widest range ever logged.
    /// </summary>
    public int SpanClass => SpanClassOf(End - Start);

    public static int SpanClassOf(long span)
    {
        int digits = 0;
        for (long rest = span; rest > 0; rest /= 10)
        {
            digits++;
        }

        return digits;
    }

    /// <summary>The widest span a class holds: 10^class − 1.</summary>
    public static long MaxSpan(int spanClass)
    {
        long power = 1;
        for (int i = 0; i < spanClass; i++)
        {
            power *= 10;
        }

        return power - 1;
    }

    public static IReadOnlyList<NumberInterval> Of(TnAuthList list)
    {
        var result = new HashSet<NumberInterval>();
        foreach (TnEntry entry in list.Entries)
        {
            switch (entry)
            {
                case RangeEntry range:
                    result.Add(new NumberInterval(range.Range.Length, range.Range.First, range.Range.Last));
                    break;
                case OneEntry one when one.Number.IsDigitsOnly:
                    long v = long.Parse(one.Number.Value, CultureInfo.InvariantCulture);
                    result.Add(new NumberInterval(one.Number.Value.Length, v, v));
                    break;
            }
        }

        return [.. result];
    }
}
