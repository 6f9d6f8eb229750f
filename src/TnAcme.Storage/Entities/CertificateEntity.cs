namespace TnAcme.Storage.Entities;

/// <summary>
/// One row per serial: created as an intent (TBSCertificate, before the signature), completed with the
/// certificate after. An intent row without a certificate is an issuance that may or may not have been signed.
/// </summary>
public sealed class CertificateEntity
{
    public required string Serial { get; set; }

    public required string Profile { get; set; }

    public required byte[] TbsDer { get; set; }

    public string? AccountId { get; set; }

    public string? OrderId { get; set; }

    public byte[]? Der { get; set; }

    public string? ChainPem { get; set; }

    public byte[]? TnAuthListDer { get; set; }

    public long? NotBefore { get; set; }

    public long? NotAfter { get; set; }

    public long IntentAt { get; set; }

    public long? RevokedAt { get; set; }

    public int? RevocationReason { get; set; }
}
