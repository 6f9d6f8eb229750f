using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using TnAcme.Log.Entries;

namespace TnAcme.Storage.Transparency;

/// <summary>
/// Batched appends: many entries in one transaction with one prepared statement, leaf indexes handed out from
/// MAX + 1 under the writer lock. For bulk loads (imports, the benchmark); the issuance path appends one entry
/// inside the certificate's own transaction instead (LogAppend).
/// </summary>
public sealed class LogBulkAppender
{
    private readonly IDbContextFactory<TnAcmeDbContext> _factory;

    public LogBulkAppender(IDbContextFactory<TnAcmeDbContext> factory) => _factory = factory;

    /// <returns>The leaf index of the first entry of the batch.</returns>
    public async Task<long> AppendAsync(IReadOnlyList<LogAppendItem> batch, CancellationToken ct)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        DbConnection connection = db.Database.GetDbConnection();
        await LogIntegrator.WidenCacheAsync(connection, ct);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(ct);
        long first;
        await using (DbCommand next = connection.CreateCommand())
        {
            next.Transaction = transaction;
            next.CommandText = """SELECT COALESCE(MAX("LeafIndex"), -1) + 1 FROM "log_entries" """;
            first = Convert.ToInt64(await next.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        await using DbCommand insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO "log_entries" ("LeafIndex", "Kind", "Serial", "AccountId", "LoggedAt", "Entry") VALUES (@i, @k, @s, @a, @t, @e)
            """;
        foreach (string name in new[] { "@i", "@k", "@s", "@a", "@t", "@e" })
        {
            LogIntegrator.Parameter(insert, name, DBNull.Value);
        }

        insert.Prepare();
        long index = first;
        foreach (LogAppendItem item in batch)
        {
            insert.Parameters[0].Value = index++;
            insert.Parameters[1].Value = (int)item.Kind;
            insert.Parameters[2].Value = item.Serial;
            insert.Parameters[3].Value = item.Account;
            insert.Parameters[4].Value = item.LoggedAt.ToUnixTimeMilliseconds();
            insert.Parameters[5].Value = item.Entry;
            await insert.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return first;
    }
}

public sealed record LogAppendItem(LogEntryKind Kind, string Serial, string Account, DateTimeOffset LoggedAt, byte[] Entry);
