namespace TnAcme.Log.Entries;

/// <summary>
/// One issuance event as the log states it. An issued entry names who was given which numbers, by what proof and
/// when; a revoked entry names the certificate and the reason. The certificate itself is bound by its SHA-256.
/// </summary>
public sealed record LogEntry
{
    public const int Version = 1;

    public required LogEntryKind Kind { get; init; }

    /// <summary>Certificate serial number, upper-case hex as the CA writes it.</summary>
    public required string Serial { get; init; }

    /// <summary>The issuing CA's subject name.</summary>
    public required string Issuer { get; init; }

    /// <summary>The ACME account the certificate was issued to.</summary>
    public required string Account { get; init; }

    /// <summary>When the CA recorded the event.</summary>
    public required DateTimeOffset Time { get; init; }

    // Issued entries.

    public string? Profile { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>DER of the TNAuthList extension.</summary>
    public byte[]? TnAuthListDer { get; init; }

    /// <summary>The TNAuthList in words: "spc:1234", "one:12025550100", "range:12025550100+100".</summary>
    public IReadOnlyList<string> TnEntries { get; init; } = [];

    public IReadOnlyList<string> Spcs { get; init; } = [];

    /// <summary>The challenge types that proved control of the identifiers (e.g. tkauth-01).</summary>
    public IReadOnlyList<string> Challenges { get; init; } = [];

    /// <summary>Lower-case hex SHA-256 of the certificate's DER.</summary>
    public string? CertificateSha256 { get; init; }

    // Revoked entries.

    public DateTimeOffset? RevokedAt { get; init; }

    public int? Reason { get; init; }
}
