namespace TnAcme.Storage.Entities;

public sealed class ReplayEntity
{
    public required string Scope { get; set; }

    public required string Value { get; set; }

    public long KeepUntil { get; set; }
}
