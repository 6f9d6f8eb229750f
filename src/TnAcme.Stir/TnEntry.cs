namespace TnAcme.Stir;

/// <summary>RFC 8226 TNEntry: CHOICE { spc [0], range [1], one [2] } (EXPLICIT tags).</summary>
public abstract record TnEntry
{
    private protected TnEntry()
    {
    }

    public static TnEntry OfSpc(string code) => new SpcEntry(ServiceProviderCode.Parse(code));

    public static TnEntry OfRange(string start, long count) => new RangeEntry(TelephoneNumberRange.Create(start, count));

    public static TnEntry OfNumber(string number) => new OneEntry(TelephoneNumber.Parse(number));
}

public sealed record SpcEntry(ServiceProviderCode Code) : TnEntry
{
    public override string ToString() => $"spc:{Code.Value}";
}

public sealed record RangeEntry(TelephoneNumberRange Range) : TnEntry
{
    public override string ToString() => $"range:{Range}";
}

public sealed record OneEntry(TelephoneNumber Number) : TnEntry
{
    public override string ToString() => $"one:{Number.Value}";
}
