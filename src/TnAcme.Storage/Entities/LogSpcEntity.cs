namespace TnAcme.Storage.Entities;

/// <summary>The by-SPC index: one row per SPC an issued certificate's TNAuthList names.</summary>
public sealed class LogSpcEntity
{
    public required string Spc { get; set; }

    public long LeafIndex { get; set; }
}
