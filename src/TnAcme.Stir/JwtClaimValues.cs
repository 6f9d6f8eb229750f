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
    }

    public string Claim { get; }

    public ImmutableArray<string> Values { get; }

    public bool Equals(JwtClaimValues? other) =>
        other is not null && Claim == other.Claim && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Claim, Values.Length);
}
