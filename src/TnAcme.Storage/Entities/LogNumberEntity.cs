namespace TnAcme.Storage.Entities;

/// <summary>
/// The by-number index: an interval of equal-length numbers an issued certificate's TNAuthList covers. The key
/// (Length, SpanClass, Start, End, LeafIndex) is also a covering index for the lookup.
/// </summary>
public sealed class LogNumberEntity
{
    public int Length { get; set; }

    public int SpanClass { get; set; }

    public long Start { get; set; }

    public long End { get; set; }

    public long LeafIndex { get; set; }
}
