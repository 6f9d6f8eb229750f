using TnAcme.Acme.Problems;

namespace TnAcme.Acme;

/// <summary>An ACME order (RFC 8555 §7.1.3) for TNAuthList identifiers.</summary>
public sealed record Order
{
    public required string Id { get; init; }

    public required string AccountId { get; init; }

    public OrderStatus Status { get; init; } = OrderStatus.Pending;

    public required DateTimeOffset Expires { get; init; }

    public required IReadOnlyList<AcmeIdentifier> Identifiers { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>The certificate profile (draft-ietf-acme-profiles), chosen or defaulted at newOrder.</summary>
    public required string Profile { get; init; }

    public required IReadOnlyList<string> AuthorizationIds { get; init; }

    public AcmeProblem? Error { get; init; }

    /// <summary>Serial (hex) of the issued certificate once valid.</summary>
    public string? CertificateSerial { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
