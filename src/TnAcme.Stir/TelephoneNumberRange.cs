namespace TnAcme.Stir;

/// <summary>
/// RFC 8226 TelephoneNumberRange { start, count INTEGER (2..MAX) }: <see cref="Count"/> numbers of the same
/// length as <see cref="Start"/>, beginning at it (start … start+count−1). The count may not carry the number
/// past its length, so start+count−1 &lt; 10^len(start). Ranges apply only to digit-only starts.
/// </summary>
public sealed record TelephoneNumberRange
{
    private TelephoneNumberRange(TelephoneNumber start, long count)
    {
        Start = start;
        Count = count;
        First = long.Parse(start.Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public TelephoneNumber Start { get; }

    public long Count { get; }

    /// <summary>Number of digits every member of the range has.</summary>
    public int Length => Start.Value.Length;

    /// <summary>Numeric value of the first number.</summary>
    public long First { get; }

    /// <summary>Numeric value of the last number (inclusive).</summary>
    public long Last => First + Count - 1;

    public static TelephoneNumberRange Create(TelephoneNumber start, System.Numerics.BigInteger count)
    {
        if (count < 2)
        {
            throw new StirDecodeException(StirDecodeError.InvalidRangeCount, $"a range count must be at least 2, not {count}");
        }

        if (!start.IsDigitsOnly)
        {
            throw new StirDecodeException(StirDecodeError.InvalidTelephoneNumber,
                $"a range start must be digits only (count does not apply to '{start.Value}')");
        }

        long first = long.Parse(start.Value, System.Globalization.CultureInfo.InvariantCulture);
        System.Numerics.BigInteger limit = System.Numerics.BigInteger.Pow(10, start.Value.Length);
        if (first + count > limit)
        {
            throw new StirDecodeException(StirDecodeError.RangeOverflow,
                $"range {start.Value}+{count} would run past {start.Value.Length} digits");
        }

        return new TelephoneNumberRange(start, (long)count);
    }

    public static TelephoneNumberRange Create(string start, long count) => Create(TelephoneNumber.Parse(start), count);

    /// <summary>The i-th number of the range, zero-padded to the range's length.</summary>
    public string NumberAt(long index) =>
        (First + index).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(Length, '0');

    public bool Contains(TelephoneNumber number)
    {
        if (number.Value.Length != Length || !number.IsDigitsOnly)
        {
            return false;
        }

        long value = long.Parse(number.Value, System.Globalization.CultureInfo.InvariantCulture);
        return value >= First && value <= Last;
    }

    public override string ToString() => $"{Start.Value}+{Count}";
}
