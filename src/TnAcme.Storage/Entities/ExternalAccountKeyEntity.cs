namespace TnAcme.Storage.Entities;

public sealed class ExternalAccountKeyEntity
{
    public required string KeyId { get; set; }

    public required string Name { get; set; }

    public required byte[] HmacKey { get; set; }

    public long CreatedAt { get; set; }

    public string? BoundAccountId { get; set; }
}
