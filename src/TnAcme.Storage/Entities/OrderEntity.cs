namespace TnAcme.Storage.Entities;

public sealed class OrderEntity
{
    public required string Id { get; set; }

    public required string AccountId { get; set; }

    public int Status { get; set; }

    public long Expires { get; set; }

    public required string IdentifiersJson { get; set; }

    public long? NotBefore { get; set; }

    public long? NotAfter { get; set; }

    public required string Profile { get; set; }

    public required string AuthorizationIdsJson { get; set; }

    public string? ErrorJson { get; set; }

    public string? CertificateSerial { get; set; }

    public long CreatedAt { get; set; }
}
