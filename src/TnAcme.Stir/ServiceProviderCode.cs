namespace TnAcme.Stir;

/// <summary>RFC 8226 ServiceProviderCode (an OCN, SPID or other SP identifier): a non-empty IA5String.</summary>
public sealed record ServiceProviderCode
{
    /// <summary>Generous bound; real OCNs are four characters. Keeps hostile input from carrying megabytes.</summary>
    public const int MaxLength = 64;

    private ServiceProviderCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>ATIS-1000080 v005: an SPC holds only digits and uppercase letters.</summary>
    public bool IsShakenForm => Value.AsSpan().IndexOfAnyExcept("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") < 0;

    public static ServiceProviderCode Parse(string value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            throw new StirDecodeException(StirDecodeError.InvalidServiceProviderCode,
                $"a service provider code must have 1 to {MaxLength} characters, not {value?.Length ?? 0}");
        }

        foreach (char c in value)
        {
            if (c < 0x21 || c > 0x7E)
            {
                throw new StirDecodeException(StirDecodeError.InvalidServiceProviderCode,
                    $"a service provider code may hold only printable ASCII; found U+{(int)c:X4}");
            }
        }

        return new ServiceProviderCode(value);
    }

    public override string ToString() => Value;
}
