using System.Data.Common;
using System.Threading.Channels;

namespace TnAcme.Storage.Sql;

/// <summary>
/// Group commit for a database with one writer at a time (SQLite): writes queue here, and one loop runs every write
/// waiting at that moment inside a single transaction, then commits once and answers them all. A write's task
/// completes only after the commit that made it durable; a write that fails fails alone (see <see cref="RunBatchAsync"/>).
/// Under concurrency the cost of a commit (WAL append, locks, page writes) is shared by the
/// batch instead of paid by every request, and no writer ever sleeps in SQLite's busy handler.
/// </summary>
/// <remarks>
/// The loop keeps a connection of its own. SQLite drops a connection's page cache whenever another connection has
/// committed since that connection's last transaction; the connection that does all the writing sees only its own
/// commits (and, now and then, the background log integrator's), so the table and index pages every write descends stay
/// cached, where a connection leased from the readers' pool re-read them from the file on every batch.
/// </remarks>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private const int MaxBatch = 128;

    private readonly SqlSessionPool _pool;
    private readonly Channel<IPendingWrite> _queue = Channel.CreateUnbounded<IPendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private readonly WalCheckpointer _checkpointer;
    private SqlSession? _session;

    public GroupCommitWriter(SqlSessionPool pool)
    {
        _pool = pool;
        _checkpointer = new WalCheckpointer(pool, TimeSpan.FromSeconds(2));
        _loop = Task.Run(RunAsync);
    }

    public Task<T> WriteAsync<T>(Func<SqlSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter));
        }

        return pending.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<IPendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out IPendingWrite? next))
            {
                if (!next.CancelIfRequested())
                {
                    batch.Add(next);
                }
            }

            if (batch.Count > 0)
            {
                await RunBatchAsync(batch);
                batch.Clear();
                if (_session is not null)
                {
                    await _checkpointer.AfterBatchAsync(_session);
                }
            }
        }
    }

    /// <summary>
    /// Runs the batch in one transaction without savepoints, the common case where no write throws; if one does, the
    /// transaction is rolled back and the batch runs again with a savepoint around each write, so that only the
    /// failing write fails. Running a write twice is safe: a write is its SQL over its captured inputs, and the
    /// first run left nothing behind.
    /// </summary>
    private async Task RunBatchAsync(List<IPendingWrite> batch)
    {
        if (!await TryRunBatchAsync(batch, isolateWrites: false))
        {
            await TryRunBatchAsync(batch, isolateWrites: true);
        }
    }

    /// <summary>False when a write threw without savepoints (nothing committed, nobody answered): run again isolated.</summary>
    private async Task<bool> TryRunBatchAsync(List<IPendingWrite> batch, bool isolateWrites)
    {
        SqlSession? session = null;
        DbTransaction? transaction = null;
        try
        {
            session = _session ??= await OpenWriterAsync();
            transaction = await session.Connection.BeginTransactionAsync();
            session.Transaction = transaction;
            foreach (IPendingWrite write in batch)
            {
                if (isolateWrites)
                {
                    await RunIsolatedAsync(session, write);
                }
                else if (!await TryRunAsync(session, write))
                {
                    session.DiscardAfterCommit();
                    await transaction.RollbackAsync();
                    return false;
                }
            }

            await transaction.CommitAsync();
            session.RunAfterCommit();
            foreach (IPendingWrite write in batch)
            {
                write.Complete();
            }
        }
        catch (Exception e)
        {
            // The transaction could not be kept or committed: nothing in it is durable, so every write fails, and the
            // connection is replaced by a new one for the next batch.
            _session = null;
            session?.DiscardAfterCommit();
            session?.Break();
            foreach (IPendingWrite write in batch)
            {
                write.Fail(e);
                write.Complete();
            }
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            if (session is not null)
            {
                session.Transaction = null;
                if (_session != session)
                {
                    await session.DisposeAsync();
                }
            }
        }

        return true;
    }

    private static async Task<bool> TryRunAsync(SqlSession session, IPendingWrite write)
    {
        try
        {
            await write.RunAsync(session);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>Runs the write under a savepoint: if it throws, it fails alone and the batch's other writes stand.</summary>
    private static async Task RunIsolatedAsync(SqlSession session, IPendingWrite write)
    {
        await session.Command("SAVEPOINT w").ExecuteNonQueryAsync();
        int mark = session.AfterCommitCount;
        try
        {
            await write.RunAsync(session);
            await session.Command("RELEASE w").ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            session.DiscardAfterCommit(mark);
            write.Fail(e);
            await session.Command("ROLLBACK TO w").ExecuteNonQueryAsync();
            await session.Command("RELEASE w").ExecuteNonQueryAsync();
        }
    }

    private async Task<SqlSession> OpenWriterAsync()
    {
        SqlSession session = await _pool.OpenAsync(CancellationToken.None);
        await session.Command(WalCheckpointer.WriterPragma).ExecuteNonQueryAsync();
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        await _checkpointer.DisposeAsync();
        if (_session is not null)
        {
            await _session.CloseAsync();
            _session = null;
        }
    }

    private interface IPendingWrite
    {
        bool CancelIfRequested();

        Task RunAsync(SqlSession session);

        void Fail(Exception error);

        /// <summary>Answers the caller: the result (after the commit) or the recorded failure.</summary>
        void Complete();
    }

    private sealed class PendingWrite<T>(Func<SqlSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken) : IPendingWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _done.Task;

        public bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _done.TrySetCanceled(cancellationToken);

        public async Task RunAsync(SqlSession session) => _result = await work(session, CancellationToken.None);

        public void Fail(Exception error) => _error ??= error;

        public void Complete()
        {
            if (_error is not null)
            {
                _done.TrySetException(_error);
            }
            else
            {
                _done.TrySetResult(_result!);
            }
        }
    }
}
