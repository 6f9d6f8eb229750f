using TnAcme.Log.Entries;
using TnAcme.Storage.Sql;

namespace TnAcme.Storage.Stores;

/// <summary>
/// The one statement that appends a log entry, inside the caller's write transaction: the leaf index is the next one
/// (MAX + 1 while writers that append are serialized), nothing is hashed here — the integrator does that off the
/// request path.
/// </summary>
internal static class LogAppend
{
    private const string Append = """
        INSERT INTO "log_entries" ("LeafIndex", "Kind", "Serial", "AccountId", "LoggedAt", "Entry")
        SELECT COALESCE(MAX("LeafIndex"), -1) + 1, @p0, @p1, @p2, @p3, @p4 FROM "log_entries"
        """;

    public static Task IssuedAsync(SqlSession session, string serial, string accountId, long loggedAt, byte[] entry, CancellationToken ct) =>
        AppendAsync(session, LogEntryKind.Issued, serial, accountId, loggedAt, entry, ct);

    public static Task RevokedAsync(SqlSession session, string serial, string accountId, long loggedAt, byte[] entry, CancellationToken ct) =>
        AppendAsync(session, LogEntryKind.Revoked, serial, accountId, loggedAt, entry, ct);

    private static async Task AppendAsync(SqlSession session, LogEntryKind kind, string serial, string accountId, long loggedAt, byte[] entry, CancellationToken ct)
    {
        // On a server database concurrent transactions would compute the same MAX + 1: they queue on a lock held to commit.
        if (session.Dialect.SerializeAppendsSql is { } serialize)
        {
            await session.ExecuteAsync(serialize, ct);
        }

        await session.ExecuteAsync(Append, ct, (int)kind, serial, accountId, loggedAt, entry);
    }
}
