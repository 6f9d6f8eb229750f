namespace TnAcme.Storage.Transparency;

/// <summary>What an auditor asks for; every filter given must hold (AND). Results come in leaf order.</summary>
public sealed record AuditQuery
{
    /// <summary>A digit-only telephone number: certificates naming it directly or through a range.</summary>
    public string? TelephoneNumber { get; init; }

    public string? Spc { get; init; }

    /// <summary>Certificates whose numbers overlap [first, last] (equal-length digit strings).</summary>
    public (string First, string Last)? Range { get; init; }

    public string? Account { get; init; }

    public string? Serial { get; init; }

    /// <summary>Logged at or after (inclusive).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Logged before (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    public CertificateStatusFilter? Status { get; init; }

    /// <summary>Only leaves after this index (the cursor).</summary>
    public long After { get; init; } = -1;

    public int Limit { get; init; } = 100;
}

public enum CertificateStatusFilter
{
    Valid,
    Revoked,
    Expired,
}

/// <summary>An issued entry found by a query, with what the CA knows of its certificate now.</summary>
public sealed record AuditRecord(long LeafIndex, byte[] Entry, long? RevokedAt, int? RevocationReason, long? NotAfter, long? RevocationLeafIndex)
{
    public string Status(DateTimeOffset now) =>
        RevokedAt is not null ? "revoked" : NotAfter is long end && end <= now.ToUnixTimeMilliseconds() ? "expired" : "valid";
}
