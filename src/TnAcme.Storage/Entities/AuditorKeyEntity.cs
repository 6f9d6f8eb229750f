namespace TnAcme.Storage.Entities;

/// <summary>An auditor's read-only API key. Only the SHA-256 of the secret is kept.</summary>
public sealed class AuditorKeyEntity
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required byte[] SecretHash { get; set; }

    public long CreatedAt { get; set; }

    public long? RevokedAt { get; set; }
}
