using System.Collections.Immutable;

namespace TnAcme.Stir;

/// <summary>One entry of permittedValues: a claim and the values it may take (RFC 8226 §8, RFC 9118 §3).</summary>
public sealed record JwtClaimValues
{
    public JwtClaimValues(string claim, IEnumerable<string> values)
    {
        Claim = ClaimConstraintsCodec.ValidateClaimName(claim);
        Values = [.. values];
        if (Values.IsEmpty)
        {
            throw new StirDecodeException(StirDecodeError.EmptyList, $"claim '{claim}' must list at least one permitted value");
        }

        ClaimConstraintsCodec.Limit(Values.Length - 1, "permitted values");

        foreach (string value in Values)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
            if (!IsWellFormedUtf16(value))
            {
                throw new StirDecodeException(StirDecodeError.InvalidString,
                    $"a permitted value of claim '{claim}' holds an unpaired surrogate, which no UTF8String can carry");
            }
        }
    }

    private static bool IsWellFormedUtf16(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    public string Claim { get; }

    public ImmutableArray<string> Values { get; }

    public bool Equals(JwtClaimValues? other) =>
        other is not null && Claim == other.Claim && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Claim, Values.Length);
}
