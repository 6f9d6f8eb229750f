namespace TnAcme.Log.Entries;

/// <summary>What a leaf records: a certificate issued, or a certificate revoked.</summary>
public enum LogEntryKind
{
    Issued = 0,
    Revoked = 1,
}
