namespace TnAcme.Storage.Entities;

/// <summary>A signed checkpoint the log published (C2SP signed note), kept so every one can be proved consistent later.</summary>
public sealed class LogCheckpointEntity
{
    public long TreeSize { get; set; }

    public required byte[] RootHash { get; set; }

    public long CreatedAt { get; set; }

    public required string Note { get; set; }
}
