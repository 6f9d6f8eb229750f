namespace TnAcme.Acme;

/// <summary>An ACME authorization (RFC 8555 §7.1.4) with its challenges.</summary>
public sealed record Authorization
{
    public required string Id { get; init; }

    public required string AccountId { get; init; }

    public required AcmeIdentifier Identifier { get; init; }

    public AuthorizationStatus Status { get; init; } = AuthorizationStatus.Pending;

    public required DateTimeOffset Expires { get; init; }

    public required IReadOnlyList<Challenge> Challenges { get; init; }

    /// <summary>What the proof granted beyond the identifier: the Authority Token's "ca" (RFC 9448 §6 step 9).</summary>
    public bool GrantedCa { get; init; }

    /// <summary>The proof's own expiry (the token's exp): certificates must not outlive it (RFC 9447 §7).</summary>
    public DateTimeOffset? ProofExpires { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Bumped by every stored change: multi-step challenges compare-and-set on it, so concurrent steps cannot both count.</summary>
    public long Revision { get; init; }

    /// <summary>The challenge type that proved the identifier (null unless valid): finalize applies that type's claim constraints.</summary>
    public string? ValidatedBy => Challenges.FirstOrDefault(c => c.Status == ChallengeStatus.Valid)?.Type;
}
