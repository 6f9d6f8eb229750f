using System.Globalization;
using TnAcme.Stir;

namespace TnAcme.TokenAuthority.Grants;

/// <summary>
/// The text forms of TNAuthList entries used in the grants file and on the command line: <c>spc:1234</c>,
/// <c>tn:12025550100</c>, <c>range:12025550100+100</c> (start and count, RFC 8226 TelephoneNumberRange).
/// </summary>
public static class GrantSyntax
{
    public const string Spc = "spc";
    public const string Number = "tn";
    public const string Range = "range";

    public static string Kind(TnEntry entry) => entry switch
    {
        SpcEntry => Spc,
        OneEntry => Number,
        RangeEntry => Range,
        _ => throw new ArgumentException($"unknown TNEntry {entry.GetType().Name}", nameof(entry)),
    };

    public static string Value(TnEntry entry) => entry switch
    {
        SpcEntry spc => spc.Code.Value,
        OneEntry one => one.Number.Value,
        RangeEntry range => range.Range.ToString(),
        _ => throw new ArgumentException($"unknown TNEntry {entry.GetType().Name}", nameof(entry)),
    };

    public static string Format(TnEntry entry) => Kind(entry) + ":" + Value(entry);

    /// <summary>Builds an entry from its kind and value; throws <see cref="StirDecodeException"/> for a bad value.</summary>
    public static TnEntry Parse(string kind, string value) => kind switch
    {
        Spc => TnEntry.OfSpc(value),
        Number => TnEntry.OfNumber(value),
        Range => ParseRange(value),
        _ => throw new StirDecodeException(StirDecodeError.UnexpectedTag, $"'{kind}' is not an entry kind (spc, tn or range)"),
    };

    /// <summary>Reads <c>kind:value</c>.</summary>
    public static TnEntry Parse(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new StirDecodeException(StirDecodeError.UnexpectedTag, $"'{text}' is not spc:CODE, tn:NUMBER or range:START+COUNT");
        }

        return Parse(text[..colon], text[(colon + 1)..]);
    }

    /// <summary><c>START+COUNT</c>, e.g. 12025550100+100 for 12025550100 … 12025550199.</summary>
    public static TnEntry ParseRange(string value)
    {
        int plus = value.IndexOf('+', StringComparison.Ordinal);
        if (plus <= 0 || !long.TryParse(value.AsSpan(plus + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long count))
        {
            throw new StirDecodeException(StirDecodeError.InvalidRangeCount, $"a range is START+COUNT, e.g. 12025550100+100, not '{value}'");
        }

        return TnEntry.OfRange(value[..plus], count);
    }
}
