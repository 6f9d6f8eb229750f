using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using TnAcme.Log.Entries;
using TnAcme.Log.Merkle;
using TnAcme.Log.Notes;
using TnAcme.Stir;

namespace TnAcme.Storage.Transparency;

/// <summary>
/// Turns committed log entries into the tree: hashes new leaves, indexes them for auditors (numbers, SPCs),
/// appends them to the in-memory tree and signs a checkpoint — polling every 200 ms, so a checkpoint covers an
/// entry within about a second. One integrator per log. It resumes from the database after any crash: the
/// leaves and index rows commit together, and a checkpoint is signed for whatever size the leaves reach.
/// </summary>
public sealed class LogIntegrator
{
    public const int BatchSize = 10_000;
    private readonly IDbContextFactory<TnAcmeDbContext> _factory;
    private readonly NoteKey _key;
    private readonly TimeProvider _time;

    public LogIntegrator(IDbContextFactory<TnAcmeDbContext> factory, NoteKey key, MerkleTree tree, TimeProvider? time = null)
    {
        _factory = factory;
        _key = key;
        Tree = tree;
        _time = time ?? TimeProvider.System;
    }

    public MerkleTree Tree { get; }

    /// <summary>The latest signed checkpoint (note text), or null before the first.</summary>
    public string? LatestCheckpoint { get; private set; }

    public long LatestCheckpointSize { get; private set; } = -1;

    /// <summary>Set when the stored leaves do not reproduce the last signed checkpoint: the integrator then refuses to sign.</summary>
    public string? Fault { get; private set; }

    /// <summary>Loads the tree from the stored leaf hashes and checks it against the last checkpoint the log signed.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(ct);
        DbConnection connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using (DbCommand read = connection.CreateCommand())
        {
            read.CommandText = """SELECT "LeafIndex", "Hash" FROM "log_leaves" WHERE "LeafIndex" >= @from ORDER BY "LeafIndex" """;
            Parameter(read, "@from", Tree.Size);
            await using DbDataReader rows = await read.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
            {
                if (rows.GetInt64(0) != Tree.Size)
                {
                    Fault = $"leaf {Tree.Size} is missing from the stored leaves";
                    break;
                }

                Tree.Append((byte[])rows.GetValue(1));
            }
        }

        var latest = await db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(ct);
        if (latest is not null)
        {
            LatestCheckpoint = latest.Note;
            LatestCheckpointSize = latest.TreeSize;
            if (latest.TreeSize > Tree.Size || !Tree.Root(latest.TreeSize).AsSpan().SequenceEqual(latest.RootHash))
            {
                Fault = $"the stored leaves do not reproduce the signed checkpoint of size {latest.TreeSize}; the log refuses to sign until an operator investigates";
            }
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            int added;
            try
            {
                added = await IntegrateOnceAsync(ct);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // A locked or busy database: try again on the next tick.
                added = 0;
            }

            if (added < BatchSize)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), _time, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Integrates up to <see cref="BatchSize"/> new entries and signs a checkpoint if the tree grew.</summary>
    public async Task<int> IntegrateOnceAsync(CancellationToken ct)
    {
        if (Fault is not null)
        {
            return 0;
        }

        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        DbConnection connection = db.Database.GetDbConnection();
        await LogIntegrator.WidenCacheAsync(connection, ct);
        var batch = new List<(long Index, int Kind, byte[] Entry)>();
        await using (DbCommand read = connection.CreateCommand())
        {
            read.CommandText = """SELECT "LeafIndex", "Kind", "Entry" FROM "log_entries" WHERE "LeafIndex" >= @from ORDER BY "LeafIndex" LIMIT @limit""";
            Parameter(read, "@from", Tree.Size);
            Parameter(read, "@limit", BatchSize);
            await using DbDataReader rows = await read.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
            {
                long index = rows.GetInt64(0);
                if (index != Tree.Size + batch.Count)
                {
                    break;
                }

                batch.Add((index, rows.GetInt32(1), (byte[])rows.GetValue(2)));
            }
        }

        if (batch.Count > 0)
        {
            byte[][] hashes = [.. batch.Select(b => MerkleHash.Leaf(b.Entry))];
            await using (DbTransaction transaction = await connection.BeginTransactionAsync(ct))
            {
                await WriteLeavesAndIndexAsync(connection, transaction, batch, hashes, ct);
                await transaction.CommitAsync(ct);
            }

            foreach (byte[] hash in hashes)
            {
                Tree.Append(hash);
            }
        }

        if (Tree.Size != LatestCheckpointSize)
        {
            await SignCheckpointAsync(db, ct);
        }

        return batch.Count;
    }

    private async Task SignCheckpointAsync(TnAcmeDbContext db, CancellationToken ct)
    {
        long size = Tree.Size;
        byte[] root = Tree.Root(size);
        DateTimeOffset now = _time.GetUtcNow();
        string note = new Checkpoint(_key.Name, size, root, now).Sign(_key);
        long createdAt = now.ToUnixTimeMilliseconds();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "log_checkpoints" ("TreeSize", "RootHash", "CreatedAt", "Note") VALUES ({size}, {root}, {createdAt}, {note})
            """, ct);
        LatestCheckpoint = note;
        LatestCheckpointSize = size;
    }

    private static async Task WriteLeavesAndIndexAsync(DbConnection connection, DbTransaction transaction,
        List<(long Index, int Kind, byte[] Entry)> batch, byte[][] hashes, CancellationToken ct)
    {
        await using DbCommand leaf = Command(connection, transaction, """INSERT INTO "log_leaves" ("LeafIndex", "Hash") VALUES (@i, @h)""", "@i", "@h");
        await using DbCommand number = Command(connection, transaction,
            """INSERT INTO "log_numbers" ("Length", "SpanClass", "Start", "End", "LeafIndex") VALUES (@l, @c, @s, @e, @i)""", "@l", "@c", "@s", "@e", "@i");
        await using DbCommand spc = Command(connection, transaction, """INSERT INTO "log_spcs" ("Spc", "LeafIndex") VALUES (@s, @i)""", "@s", "@i");
        for (int i = 0; i < batch.Count; i++)
        {
            var (index, kind, entry) = batch[i];
            leaf.Parameters[0].Value = index;
            leaf.Parameters[1].Value = hashes[i];
            await leaf.ExecuteNonQueryAsync(ct);
            if (kind != (int)LogEntryKind.Issued || Indexable(entry) is not { } list)
            {
                continue;
            }

            foreach (NumberInterval interval in NumberInterval.Of(list))
            {
                number.Parameters[0].Value = interval.Length;
                number.Parameters[1].Value = interval.SpanClass;
                number.Parameters[2].Value = interval.Start;
                number.Parameters[3].Value = interval.End;
                number.Parameters[4].Value = index;
                await number.ExecuteNonQueryAsync(ct);
            }

            foreach (string code in list.ServiceProviderCodes.Select(s => s.Value).Distinct())
            {
                spc.Parameters[0].Value = code;
                spc.Parameters[1].Value = index;
                await spc.ExecuteNonQueryAsync(ct);
            }
        }
    }

    /// <summary>The TNAuthList of an issued entry; an entry the CA wrote is always readable, anything else is not indexed.</summary>
    private static TnAuthList? Indexable(byte[] entry)
    {
        try
        {
            return LogEntryCodec.ReadTnAuthList(entry) is { } der ? TnAuthList.Decode(der) : null;
        }
        catch (Exception e) when (e is FormatException or StirDecodeException)
        {
            return null;
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (string p in parameters)
        {
            Parameter(command, p, DBNull.Value);
        }

        command.Prepare();
        return command;
    }

    /// <summary>
    /// Bulk writers touch index pages all over large B-trees (random serials, number starts): a 64 MiB page cache on
    /// their connection instead of SQLite's 2 MiB default keeps them in memory. Only the integrator's and bulk
    /// appender's connections get it, not every pooled request connection.
    /// </summary>
    internal static async Task WidenCacheAsync(DbConnection connection, CancellationToken ct)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            await using DbCommand pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size=-65536";
            await pragma.ExecuteNonQueryAsync(ct);
        }
    }

    internal static void Parameter(DbCommand command, string name, object value)
    {
        DbParameter p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
