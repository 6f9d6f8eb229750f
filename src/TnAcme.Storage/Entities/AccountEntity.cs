namespace TnAcme.Storage.Entities;

public sealed class AccountEntity
{
    public required string Id { get; set; }

    public required string KeyThumbprint { get; set; }

    public required string KeyJwk { get; set; }

    public int Status { get; set; }

    public string ContactJson { get; set; } = "[]";

    public bool TermsOfServiceAgreed { get; set; }

    public string? ExternalAccountBinding { get; set; }

    public string? EabKeyId { get; set; }

    /// <summary>Unix milliseconds: portable across providers and comparable in SQL.</summary>
    public long CreatedAt { get; set; }
}
