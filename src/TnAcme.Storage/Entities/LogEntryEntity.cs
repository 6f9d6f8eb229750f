namespace TnAcme.Storage.Entities;

/// <summary>
/// One leaf of the issuance log: committed in the same transaction as the event it records (the certificate's
/// completion, or its revocation), with its index assigned there. Hashing and indexing come later (integrator).
/// </summary>
public sealed class LogEntryEntity
{
    public long LeafIndex { get; set; }

    /// <summary><see cref="TnAcme.Log.Entries.LogEntryKind"/>.</summary>
    public int Kind { get; set; }

    public required string Serial { get; set; }

    public required string AccountId { get; set; }

    /// <summary>Unix ms, the entry's own time.</summary>
    public long LoggedAt { get; set; }

    /// <summary>The exact bytes the leaf hash covers (LogEntryCodec).</summary>
    public required byte[] Entry { get; set; }
}
