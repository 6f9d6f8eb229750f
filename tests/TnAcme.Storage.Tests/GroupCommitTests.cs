using TnAcme.Storage.Sql;

namespace TnAcme.Storage.Tests;

/// <summary>SQLite group commit: concurrent writes share commits, yet each keeps its own outcome.</summary>
public sealed class GroupCommitTests : MigratedSqliteDatabase
{
    private const string Insert = """INSERT INTO "replays" ("Scope", "Value", "KeepUntil") VALUES (@p0, @p1, @p2) ON CONFLICT ("Scope", "Value") DO NOTHING""";
    private const string Count = """SELECT COUNT(*) FROM "replays" WHERE "Scope" = @p0""";

    [Fact]
    public async Task Concurrent_writes_all_commit_and_report_their_own_row_counts()
    {
        // 400 writers, every value written twice: exactly one of each pair changes a row.
        Task<int>[] writes = Enumerable.Range(0, 400)
            .Select(i => Task.Run(() => Db.Sql.ExecuteWriteAsync(Insert, CancellationToken.None, "concurrent", $"v{i / 2}", 1L)))
            .ToArray();
        int[] rows = await Task.WhenAll(writes);

        Assert.Equal(200, rows.Sum());
        Assert.Equal(200L, await CountAsync("concurrent"));
    }

    [Fact]
    public async Task A_failing_write_is_rolled_back_alone_and_its_caller_sees_the_error()
    {
        Task<int> good1 = Db.Sql.ExecuteWriteAsync(Insert, CancellationToken.None, "isolation", "a", 1L);
        Task<int> bad = Db.Sql.WriteAsync(async (session, ct) =>
        {
            await session.ExecuteAsync(Insert, ct, "isolation", "partial", 1L);
            // NOT NULL violation after a successful statement: both must vanish.
            return await session.ExecuteAsync(Insert, ct, "isolation", null, 1L);
        }, CancellationToken.None);
        Task<int> good2 = Db.Sql.ExecuteWriteAsync(Insert, CancellationToken.None, "isolation", "b", 1L);

        Assert.Equal(1, await good1);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => bad);
        Assert.Equal(1, await good2);
        Assert.Equal(2L, await CountAsync("isolation"));
    }

    [Fact]
    public async Task A_write_failing_inside_a_batch_fails_alone_after_the_batch_runs_again_isolated()
    {
        // Hold the writer inside a first write so that the next three queue up and run as one batch.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> gate = Db.Sql.WriteAsync(async (session, ct) =>
        {
            entered.TrySetResult();
            await release.Task;
            return await session.ExecuteAsync(Insert, ct, "batch", "gate", 1L);
        }, CancellationToken.None);
        await entered.Task;

        int goodRuns = 0;
        Task<int> good1 = Db.Sql.WriteAsync((session, ct) =>
        {
            Interlocked.Increment(ref goodRuns);
            return session.ExecuteAsync(Insert, ct, "batch", "a", 1L);
        }, CancellationToken.None);
        Task<int> bad = Db.Sql.WriteAsync(async (session, ct) =>
        {
            await session.ExecuteAsync(Insert, ct, "batch", "partial", 1L);
            return await session.ExecuteAsync(Insert, ct, "batch", null, 1L);
        }, CancellationToken.None);
        Task<int> good2 = Db.Sql.ExecuteWriteAsync(Insert, CancellationToken.None, "batch", "b", 1L);
        release.SetResult();

        Assert.Equal(1, await gate);
        Assert.Equal(1, await good1);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => bad);
        Assert.Equal(1, await good2);
        Assert.Equal(3L, await CountAsync("batch"));
        // The first, savepoint-free run was rolled back and the batch ran again, one savepoint per write.
        Assert.Equal(2, goodRuns);
    }

    [Fact]
    public async Task A_batch_of_one_failing_write_fails_and_the_writer_goes_on()
    {
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Db.Sql.ExecuteWriteAsync(Insert, CancellationToken.None, "alone", null, 1L));
        Assert.Equal(1, await Db.Sql.ExecuteWriteAsync(Insert, CancellationToken.None, "alone", "after", 1L));
        Assert.Equal(1L, await CountAsync("alone"));
    }

    [Fact]
    public async Task Under_writes_that_never_pause_the_WAL_starts_over_instead_of_growing()
    {
        // Eight seconds of back-to-back commits. Each time SQLite starts the WAL over it bumps the checkpoint sequence
        // number in the WAL's header (bytes 12–15, big-endian). The writer does not checkpoint inside its commits, so
        // without the background checkpoints the number would stay where it was and the file would only grow. (The
        // count does not depend on the write rate, which a size bound did and which made that version flaky.)
        string value = new('x', 1000);
        await Db.Sql.ExecuteWriteAsync(Insert, CancellationToken.None, "wal", "first", 1L);
        uint before = WalCheckpointSequence();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; clock.Elapsed < TimeSpan.FromSeconds(8); i++)
        {
            await Db.Sql.ExecuteWriteAsync(Insert, CancellationToken.None, "wal", value + i, 1L);
        }

        uint after = WalCheckpointSequence();
        Assert.True(after - before >= 2, $"the WAL was started over {after - before} times in 8 s of writes (checkpoints every 2 s)");
    }

    private uint WalCheckpointSequence()
    {
        using var wal = new FileStream(DatabasePath + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[16];
        wal.ReadExactly(header);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
    }

    [Fact]
    public async Task A_write_cancelled_before_it_is_queued_is_refused_and_not_applied()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Db.Sql.ExecuteWriteAsync(Insert, cancelled.Token, "cancel", "x", 1L));
        Assert.Equal(0L, await CountAsync("cancel"));
    }

    [Fact]
    public async Task Committed_writes_survive_closing_and_reopening_the_database()
    {
        await Db.Sql.ExecuteWriteAsync(Insert, CancellationToken.None, "durable", "x", 1L);
        await ReopenAsync();
        Assert.Equal(1L, await CountAsync("durable"));
    }

    private async Task<long> CountAsync(string scope)
    {
        await using SqlSession session = await Db.Sql.LeaseAsync(CancellationToken.None);
        return (long)(await session.Command(Count, scope).ExecuteScalarAsync())!;
    }
}
