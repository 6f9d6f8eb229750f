namespace TnAcme.Acme;

/// <summary>An ACME account (RFC 8555 §7.1.2). The key is kept as its canonical JWK and RFC 7638 thumbprint.</summary>
public sealed record Account
{
    public required string Id { get; init; }

    /// <summary>Canonical JWK JSON of the account key.</summary>
    public required string KeyJwk { get; init; }

    /// <summary>base64url RFC 7638 SHA-256 thumbprint; unique across accounts.</summary>
    public required string KeyThumbprint { get; init; }

    public AccountStatus Status { get; init; } = AccountStatus.Valid;

    public IReadOnlyList<string> Contact { get; init; } = [];

    public bool TermsOfServiceAgreed { get; init; }

    /// <summary>The verified externalAccountBinding JWS, echoed unchanged (RFC 8555 §7.3.4).</summary>
    public string? ExternalAccountBinding { get; init; }

    public string? EabKeyId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
