namespace TnAcme.Storage.Entities;

/// <summary>One auditor request: who asked what, when, and what they were told (status).</summary>
public sealed class AuditAccessEntity
{
    public long Id { get; set; }

    /// <summary>The auditor key's id, or null when no valid key was presented.</summary>
    public string? KeyId { get; set; }

    public long At { get; set; }

    public required string Method { get; set; }

    /// <summary>Path and query string.</summary>
    public required string Target { get; set; }

    public int Status { get; set; }

    public int Results { get; set; }
}
