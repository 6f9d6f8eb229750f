using Microsoft.EntityFrameworkCore;
using TnAcme.Log.Entries;

namespace TnAcme.Storage.Stores;

/// <summary>
/// The one statement that appends a log entry, for use inside the caller's transaction: the leaf index is the next
/// one (MAX + 1 under the writer lock), nothing is hashed here — the integrator does that off the request path.
/// </summary>
internal static class LogAppend
{
    public static Task IssuedAsync(TnAcmeDbContext db, string serial, string accountId, long loggedAt, byte[] entry, CancellationToken ct) =>
        AppendAsync(db, (int)LogEntryKind.Issued, serial, accountId, loggedAt, entry, ct);

    public static Task RevokedAsync(TnAcmeDbContext db, string serial, string accountId, long loggedAt, byte[] entry, CancellationToken ct) =>
        AppendAsync(db, (int)LogEntryKind.Revoked, serial, accountId, loggedAt, entry, ct);

    private static Task AppendAsync(TnAcmeDbContext db, int kind, string serial, string accountId, long loggedAt, byte[] entry, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO "log_entries" ("LeafIndex", "Kind", "Serial", "AccountId", "LoggedAt", "Entry")
            SELECT COALESCE(MAX("LeafIndex"), -1) + 1, {kind}, {serial}, {accountId}, {loggedAt}, {entry} FROM "log_entries"
            """, ct);
}
