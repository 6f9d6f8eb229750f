namespace TnAcme.Storage.Entities;

/// <summary>An integrated leaf: its RFC 9162 leaf hash. Rows exist for exactly the indexes below the tree size.</summary>
public sealed class LogLeafEntity
{
    public long LeafIndex { get; set; }

    public required byte[] Hash { get; set; }
}
