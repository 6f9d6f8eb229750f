using System.Collections.Immutable;

namespace TnAcme.Stir;

/// <summary>
/// RFC 9118 EnhancedJWTClaimConstraints (id-pe 33): RFC 8226's constraints plus mustExclude. Never in the same
/// certificate as <see cref="JwtClaimConstraints"/>. Listing iat, orig or dest in mustExclude makes relying
/// parties ignore the whole extension, so <see cref="ExcludesBaselineClaim"/> lets a CA refuse it.
/// </summary>
public sealed record EnhancedJwtClaimConstraints
{
    public static readonly ImmutableArray<string> BaselineClaims = ["iat", "orig", "dest"];

    public EnhancedJwtClaimConstraints(
        IEnumerable<string>? mustInclude,
        IEnumerable<JwtClaimValues>? permittedValues,
        IEnumerable<string>? mustExclude)
    {
        MustInclude = ClaimConstraintsCodec.NamesOrDefault(mustInclude, "mustInclude");
        PermittedValues = ClaimConstraintsCodec.ValuesOrDefault(permittedValues);
        MustExclude = ClaimConstraintsCodec.NamesOrDefault(mustExclude, "mustExclude");
        if (MustInclude.IsDefault && PermittedValues.IsDefault && MustExclude.IsDefault)
        {
            throw new StirDecodeException(StirDecodeError.MissingComponent,
                "EnhancedJWTClaimConstraints needs mustInclude, permittedValues or mustExclude");
        }
    }

    public ImmutableArray<string> MustInclude { get; }

    public ImmutableArray<JwtClaimValues> PermittedValues { get; }

    public ImmutableArray<string> MustExclude { get; }

    public bool ExcludesBaselineClaim => !MustExclude.IsDefault && MustExclude.Any(BaselineClaims.Contains);

    public byte[] Encode() => ClaimConstraintsCodec.Encode(MustInclude, PermittedValues, MustExclude);

    public static EnhancedJwtClaimConstraints Decode(ReadOnlySpan<byte> der)
    {
        var (include, permitted, exclude) = ClaimConstraintsCodec.Decode(der, allowMustExclude: true, "EnhancedJWTClaimConstraints");
        return new EnhancedJwtClaimConstraints(
            JwtClaimConstraints.NullIfDefault(include),
            JwtClaimConstraints.NullIfDefault(permitted),
            JwtClaimConstraints.NullIfDefault(exclude));
    }

    public bool Equals(EnhancedJwtClaimConstraints? other) =>
        other is not null && Encode().AsSpan().SequenceEqual(other.Encode());

    public override int GetHashCode() => MustExclude.IsDefault ? 0 : MustExclude.Length;
}
