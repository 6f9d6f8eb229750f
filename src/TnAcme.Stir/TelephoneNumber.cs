namespace TnAcme.Stir;

/// <summary>
/// RFC 8226 TelephoneNumber: IA5String (SIZE (1..15)) (FROM ("0123456789#*")).
/// Kept as the digit string, because leading zeros and length are significant.
/// </summary>
public sealed record TelephoneNumber
{
    public const int MaxLength = 15;

    private TelephoneNumber(string value) => Value = value;

    public string Value { get; }

    /// <summary>True when the number is digits only, so range arithmetic applies to it.</summary>
    public bool IsDigitsOnly => Value.AsSpan().IndexOfAnyExcept("0123456789") < 0;

    public static TelephoneNumber Parse(string value)
    {
        if (!TryValidate(value, out string? reason))
        {
            throw new StirDecodeException(StirDecodeError.InvalidTelephoneNumber, reason);
        }

        return new TelephoneNumber(value);
    }

    public static bool TryParse(string? value, out TelephoneNumber? number)
    {
        number = value is not null && TryValidate(value, out _) ? new TelephoneNumber(value) : null;
        return number is not null;
    }

    private static bool TryValidate(string? value, out string reason)
    {
        if (string.IsNullOrEmpty(value))
        {
            reason = "a telephone number must have 1 to 15 characters, not 0";
            return false;
        }

        if (value.Length > MaxLength)
        {
            reason = $"a telephone number must have 1 to 15 characters, not {value.Length}";
            return false;
        }

        int bad = value.AsSpan().IndexOfAnyExcept("0123456789#*");
        if (bad >= 0)
        {
            reason = $"a telephone number may hold only 0-9, # and *; found U+{(int)value[bad]:X4} at position {bad}";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    public override string ToString() => Value;
}
