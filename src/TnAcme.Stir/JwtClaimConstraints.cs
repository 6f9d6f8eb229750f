using System.Collections.Immutable;

namespace TnAcme.Stir;

/// <summary>
/// RFC 8226 §8 JWTClaimConstraints (id-pe 27): claims a PASSporT must include, and values present claims must
/// take. Non-critical, end-entity only.
/// </summary>
public sealed record JwtClaimConstraints
{
    public JwtClaimConstraints(IEnumerable<string>? mustInclude, IEnumerable<JwtClaimValues>? permittedValues)
    {
        MustInclude = ClaimConstraintsCodec.NamesOrDefault(mustInclude, "mustInclude");
        PermittedValues = ClaimConstraintsCodec.ValuesOrDefault(permittedValues);
        if (MustInclude.IsDefault && PermittedValues.IsDefault)
        {
            throw new StirDecodeException(StirDecodeError.MissingComponent, "JWTClaimConstraints needs mustInclude or permittedValues");
        }
    }

    /// <summary>Default (not empty) when absent.</summary>
    public ImmutableArray<string> MustInclude { get; }

    /// <summary>Default (not empty) when absent.</summary>
    public ImmutableArray<JwtClaimValues> PermittedValues { get; }

    public byte[] Encode() => ClaimConstraintsCodec.Encode(MustInclude, PermittedValues, default);

    public static JwtClaimConstraints Decode(ReadOnlySpan<byte> der)
    {
        var (include, permitted, _) = ClaimConstraintsCodec.Decode(der, allowMustExclude: false, "JWTClaimConstraints");
        return new JwtClaimConstraints(NullIfDefault(include), NullIfDefault(permitted));
    }

    internal static IEnumerable<T>? NullIfDefault<T>(ImmutableArray<T> a) => a.IsDefault ? null : a;

    public bool Equals(JwtClaimConstraints? other) =>
        other is not null && Encode().AsSpan().SequenceEqual(other.Encode());

    public override int GetHashCode() => MustInclude.IsDefault ? 0 : MustInclude.Length;
}
