using TnAcme.Stir;

namespace TnAcme.Issuance;

/// <summary>What policy has decided to issue: everything the CA needs, already authorized.</summary>
public sealed record IssuanceRequest
{
    public required string ProfileName { get; init; }

    /// <summary>DER SubjectPublicKeyInfo of the subscriber's key (from the CSR).</summary>
    public required ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; init; }

    public required TnAuthList TnAuthList { get; init; }

    /// <summary>The subscriber's organization, for profiles whose subject names it.</summary>
    public string? Organization { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    public JwtClaimConstraints? JwtClaimConstraints { get; init; }

    public EnhancedJwtClaimConstraints? EnhancedJwtClaimConstraints { get; init; }

    /// <summary>
    /// The scope the requester was granted (an Authority Token's tkvalue, or an operator's grant). Delegate CA
    /// certificates must be encompassed by it (RFC 9060 §4); for end-entity certificates it is checked too when set.
    /// </summary>
    public TnAuthList? AuthorizedScope { get; init; }
}
