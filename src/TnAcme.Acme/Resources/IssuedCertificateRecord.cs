namespace TnAcme.Acme;

/// <summary>A certificate the CA issued through ACME, as stored.</summary>
public sealed record IssuedCertificateRecord
{
    public required string Serial { get; init; }

    public required string AccountId { get; init; }

    public required string OrderId { get; init; }

    public required string Profile { get; init; }

    /// <summary>PEM chain served for download and x5u: leaf first, no blank lines (RFC 8555 erratum 5983).</summary>
    public required string ChainPem { get; init; }

    public required byte[] Der { get; init; }

    public required byte[] TnAuthListDer { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public int? RevocationReason { get; init; }
}
