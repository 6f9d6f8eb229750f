namespace TnAcme.Acme.Issuance;

/// <summary>The CA role as the protocol sees it: sign what policy approved, record it, return the stored result.</summary>
public interface ICertificateAuthority
{
    /// <summary>Profile names offered in meta.profiles, with descriptions.</summary>
    IReadOnlyDictionary<string, string> Profiles { get; }

    /// <summary>The profile's longest allowed validity.</summary>
    TimeSpan MaximumValidity(string profile);

    /// <summary>The validity the profile gives when the order names no notAfter.</summary>
    TimeSpan DefaultValidity(string profile);

    /// <summary>Whether the profile issues CA certificates (RFC 9060 delegate CAs).</summary>
    bool IssuesCaCertificates(string profile);

    /// <summary>
    /// Lints; records the intent, which claims the order (<see cref="CertificateOrder.OrderId"/>: from
    /// <see cref="CertificateOrder.ClaimFrom"/> to processing, compare-and-set) in the same transaction; signs; and
    /// stores the certificate, which makes the order valid and points it at the certificate, atomically.
    /// </summary>
    /// <exception cref="Problems.AcmeProblemException">Refused before the claim (the linter): the order is untouched.</exception>
    /// <exception cref="OrderNotClaimedException">The order had left <see cref="CertificateOrder.ClaimFrom"/>: nothing done.</exception>
    /// <exception cref="IssuanceFailedException">Failed after the claim: the order is processing, the caller's to settle.</exception>
    /// <remarks>Any other exception (but cancellation) leaves the order untouched.</remarks>
    Task<IssuedCertificateRecord> IssueAsync(CertificateOrder order, CancellationToken cancellationToken);
}

public sealed record CertificateOrder
{
    public required string OrderId { get; init; }

    /// <summary>
    /// The order's status as its finalize read it (ready, or pending with every authorization valid). Recording the
    /// intent moves the order from it to processing in the same transaction, so exactly one finalize signs and an
    /// order is never processing without its intent.
    /// </summary>
    public required OrderStatus ClaimFrom { get; init; }

    public required string AccountId { get; init; }

    public required string Profile { get; init; }

    public required byte[] SubjectPublicKeyInfo { get; init; }

    public required byte[] TnAuthListDer { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    public string? Organization { get; init; }

    /// <summary>The scope the proofs granted (for delegate CAs, RFC 9060).</summary>
    public byte[]? AuthorizedScopeDer { get; init; }

    /// <summary>RFC 8226 JWTClaimConstraints the proof's challenge type calls for (never with the enhanced form).</summary>
    public Stir.JwtClaimConstraints? JwtClaimConstraints { get; init; }

    /// <summary>RFC 9118 EnhancedJWTClaimConstraints the proof's challenge type calls for.</summary>
    public Stir.EnhancedJwtClaimConstraints? EnhancedJwtClaimConstraints { get; init; }

    /// <summary>The challenge types whose validation proved control of the order's identifiers (for the issuance log).</summary>
    public IReadOnlyList<string> ProvedBy { get; init; } = [];
}
