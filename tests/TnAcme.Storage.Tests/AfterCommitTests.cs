using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using TnAcme.Storage.Sql;

namespace TnAcme.Storage.Tests;

/// <summary>
/// Actions registered with <see cref="SqlSession.AfterCommit"/>: they run once the write that registered them is
/// committed, before its caller is answered, in commit order, and never for a write that was rolled back.
/// </summary>
public sealed class AfterCommitTests : MigratedSqliteDatabase
{
    private const string Insert = """INSERT INTO "replays" ("Scope", "Value", "KeepUntil") VALUES (@p0, @p1, @p2)""";
    private const string Count = """SELECT COUNT(*) FROM "replays" WHERE "Scope" = @p0""";

    [Fact]
    public async Task An_action_runs_after_the_commit_and_before_the_write_returns()
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int>? write = null;
        long? committedRowsSeen = null;
        bool? writeCompletedWhenRun = null;
        int runs = 0;

        write = Db.Sql.WriteAsync(async (session, ct) =>
        {
            await go.Task;
            int inserted = await session.ExecuteAsync(Insert, ct, "after", "x", 1L);
            session.AfterCommit(() =>
            {
                Interlocked.Increment(ref runs);
                writeCompletedWhenRun = write!.IsCompleted;
                // Another connection sees the row only once the transaction has committed.
                committedRowsSeen = CountOnNewConnection("after");
            });
            return inserted;
        }, CancellationToken.None);
        go.SetResult();

        Assert.Equal(1, await write);
        Assert.Equal(1, runs);
        Assert.Equal(1L, committedRowsSeen);
        Assert.False(writeCompletedWhenRun);
    }

    [Fact]
    public async Task A_failing_write_alone_runs_none_of_its_actions()
    {
        int runs = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Db.Sql.WriteAsync<int>(async (session, ct) =>
        {
            await session.ExecuteAsync(Insert, ct, "alone", "x", 1L);
            session.AfterCommit(() => Interlocked.Increment(ref runs));
            throw new InvalidOperationException("after registering");
        }, CancellationToken.None));

        // The next write commits: the failed write's action must not ride along with it.
        int nextRuns = 0;
        await Db.Sql.WriteAsync(async (session, ct) =>
        {
            session.AfterCommit(() => Interlocked.Increment(ref nextRuns));
            return await session.ExecuteAsync(Insert, ct, "alone", "y", 1L);
        }, CancellationToken.None);

        Assert.Equal(0, runs);
        Assert.Equal(1, nextRuns);
        Assert.Equal(1L, CountOnNewConnection("alone"));
    }

    [Fact]
    public async Task In_a_batch_the_failing_writes_actions_are_dropped_and_the_others_run_once()
    {
        // Hold the writer inside a first write so that the next ones queue up and run as one batch; that batch runs
        // twice (the failure sends it to the isolated run), so every good write registers its action twice.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new ConcurrentQueue<string>();
        var registered = new ConcurrentDictionary<string, int>();

        Task<int> Write(string name, bool fail) => Db.Sql.WriteAsync(async (session, ct) =>
        {
            if (name == "gate")
            {
                entered.TrySetResult();
                await release.Task;
            }

            int inserted = await session.ExecuteAsync(Insert, ct, "batch", name, 1L);
            registered.AddOrUpdate(name, 1, (_, n) => n + 1);
            session.AfterCommit(() => ran.Enqueue(name));
            if (fail)
            {
                throw new InvalidOperationException("after registering " + name);
            }

            return inserted;
        }, CancellationToken.None);

        Task<int> gate = Write("gate", fail: false);
        await entered.Task;
        Task<int> good1 = Write("good1", fail: false);
        Task<int> bad = Write("bad", fail: true);
        Task<int> good2 = Write("good2", fail: false);
        release.SetResult();

        Assert.Equal(1, await gate);
        Assert.Equal(1, await good1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal(1, await good2);

        Assert.Equal(2, registered["good1"]);
        Assert.Equal(2, registered["bad"]);
        Assert.Equal(new[] { "gate", "good1", "good2" }, ran.ToArray());
        Assert.Equal(3L, CountOnNewConnection("batch"));
    }

    [Fact]
    public async Task Actions_run_in_commit_order()
    {
        // Each write counts the rows of its scope inside its transaction: on the one writer that is its position in
        // commit order. Every seventh write fails after registering its action, and must leave no gap.
        const int writes = 300;
        var ran = new ConcurrentQueue<long>();
        Task<long>[] tasks = Enumerable.Range(0, writes).Select(i => Task.Run(() => Db.Sql.WriteAsync(async (session, ct) =>
        {
            await session.ExecuteAsync(Insert, ct, "order", $"v{i}", 1L);
            long position = (long)(await session.Command(Count, "order").ExecuteScalarAsync(ct))!;
            session.AfterCommit(() => ran.Enqueue(position));
            if (i % 7 == 0)
            {
                throw new InvalidOperationException("fails after registering");
            }

            return position;
        }, CancellationToken.None))).ToArray();

        try
        {
            await Task.WhenAll(tasks);
        }
        catch (InvalidOperationException)
        {
        }

        long[] committed = tasks.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).Order().ToArray();
        Assert.Equal(writes - ((writes + 6) / 7), committed.Length);
        Assert.Equal(Enumerable.Range(1, committed.Length).Select(n => (long)n), committed);
        Assert.Equal(committed, ran.ToArray());
        Assert.Equal(committed.Length, CountOnNewConnection("order"));
    }

    [Fact]
    public async Task Without_group_commit_an_action_runs_after_the_commit_and_never_after_a_rollback()
    {
        // The path of a server database (PostgreSQL): one transaction per write on a leased connection.
        string connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false, DefaultTimeout = 30 }.ToString();
        await using var pool = new SqlSessionPool(() => new SqliteConnection(connectionString), _ => { }, serializeWriters: false, SqlDialect.Sqlite, maxIdle: 1);

        long? committedRowsSeen = null;
        int failedRuns = 0;
        Assert.Equal(1, await pool.WriteAsync(async (session, ct) =>
        {
            int inserted = await session.ExecuteAsync(Insert, ct, "direct", "x", 1L);
            session.AfterCommit(() => committedRowsSeen = CountOnNewConnection("direct"));
            return inserted;
        }, CancellationToken.None));
        Assert.Equal(1L, committedRowsSeen);

        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.WriteAsync<int>(async (session, ct) =>
        {
            await session.ExecuteAsync(Insert, ct, "direct", "y", 1L);
            session.AfterCommit(() => failedRuns++);
            throw new InvalidOperationException("after registering");
        }, CancellationToken.None));

        // The same (pooled) session commits again: the rolled-back write's action must be gone from it.
        int laterRuns = 0;
        await pool.WriteAsync(async (session, ct) =>
        {
            session.AfterCommit(() => laterRuns++);
            return await session.ExecuteAsync(Insert, ct, "direct", "z", 1L);
        }, CancellationToken.None);

        Assert.Equal(0, failedRuns);
        Assert.Equal(1, laterRuns);
        Assert.Equal(2L, CountOnNewConnection("direct"));
    }

    private long CountOnNewConnection(string scope)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = Count;
        command.Parameters.AddWithValue("@p0", scope);
        return (long)command.ExecuteScalar()!;
    }
}
