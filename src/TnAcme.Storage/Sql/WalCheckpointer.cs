using System.Data.Common;

namespace TnAcme.Storage.Sql;

/// <summary>
/// Moves SQLite's WAL checkpoints off the group-commit writer. Left to itself, SQLite checkpoints inside the commit
/// that crosses the auto-checkpoint threshold, so the writer — and every request waiting on it — stands still while
/// thousands of pages are copied into the database file. Here a connection of its own copies them (a PASSIVE
/// checkpoint, which never blocks the writer), and the writer then runs a second, small checkpoint between two batches
/// for the frames appended meanwhile. Only a checkpoint that has copied every frame lets the next write transaction
/// start the WAL over from its beginning: without the writer's catch-up the file would grow for as long as writes
/// never pause.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    private const string Checkpoint = "PRAGMA wal_checkpoint(PASSIVE)";

    private readonly SqlSessionPool _pool;
    private readonly long _intervalMs;
    private readonly SemaphoreSlim _start = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _lastStart = Environment.TickCount64;
    private int _running;
    private volatile bool _catchUpDue;

    public WalCheckpointer(SqlSessionPool pool, TimeSpan interval)
    {
        _pool = pool;
        _intervalMs = (long)interval.TotalMilliseconds;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>What the writer's own connection runs once: it no longer checkpoints inside its commits.</summary>
    public const string WriterPragma = "PRAGMA wal_autocheckpoint=0";

    /// <summary>
    /// Called by the writer between batches: starts a background checkpoint when the interval has passed, and runs the
    /// catch-up on <paramref name="writer"/> once the background one has finished.
    /// </summary>
    public async Task AfterBatchAsync(SqlSession writer)
    {
        if (_catchUpDue)
        {
            _catchUpDue = false;
            try
            {
                await RunCheckpointAsync(writer);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // Not the writes' business: the WAL stays as it is and the next background checkpoint tries again.
            }

            return;
        }

        long now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _lastStart) >= _intervalMs && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            Interlocked.Exchange(ref _lastStart, now);
            _start.Release();
        }
    }

    private async Task RunAsync()
    {
        SqlSession? session = null;
        try
        {
            while (true)
            {
                await _start.WaitAsync(_stop.Token);
                try
                {
                    session ??= await _pool.OpenAsync(_stop.Token);
                    await RunCheckpointAsync(session);
                    _catchUpDue = true;
                }
                catch (Exception e) when (e is DbException or InvalidOperationException)
                {
                    // A checkpoint that fails (e.g. I/O) leaves the WAL as it was; the next interval tries again on a
                    // fresh connection, and the EF connections' auto-checkpoint still bounds the file.
                    session?.Break();
                    if (session is not null)
                    {
                        await session.DisposeAsync();
                    }

                    session = null;
                }
                finally
                {
                    Interlocked.Exchange(ref _running, 0);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            if (session is not null)
            {
                await session.CloseAsync();
            }
        }
    }

    private static async Task RunCheckpointAsync(SqlSession session)
    {
        // PASSIVE answers with one row (busy, WAL frames, frames checkpointed); only the work matters here.
        await using DbDataReader reader = await session.Command(Checkpoint).ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _start.Dispose();
    }
}
