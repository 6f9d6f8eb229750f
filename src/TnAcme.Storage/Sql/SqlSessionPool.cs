using System.Collections.Concurrent;
using System.Data.Common;

namespace TnAcme.Storage.Sql;

/// <summary>
/// Open connections kept for the hot path, each with its prepared statements, leased one request at a time. EF Core
/// opens a connection, translates or looks up the query and builds its command on every call; on the few statements
/// an issuance makes, that overhead was larger than the database's own work.
/// </summary>
/// <remarks>
/// SQLite allows one writer at a time and makes others wait by sleeping in its busy handler (milliseconds at a time);
/// with <c>serializeWriters</c> this process's writes go through one group-commit loop instead, and only readers run
/// in parallel (WAL). A server database (PostgreSQL) takes its writers concurrently, one transaction each.
/// </remarks>
public sealed class SqlSessionPool : IAsyncDisposable
{
    private readonly Func<DbConnection> _newConnection;
    private readonly Action<DbConnection> _onOpen;
    private readonly ConcurrentBag<SqlSession> _idle = [];
    private readonly GroupCommitWriter? _groupCommit;
    private readonly int _maxIdle;
    private int _idleCount;

    public SqlSessionPool(Func<DbConnection> newConnection, Action<DbConnection> onOpen, bool serializeWriters, SqlDialect dialect, int maxIdle = 64)
    {
        Dialect = dialect;
        _newConnection = newConnection;
        _onOpen = onOpen;
        _groupCommit = serializeWriters ? new GroupCommitWriter(this) : null;
        _maxIdle = maxIdle;
    }

    public SqlDialect Dialect { get; }

    /// <summary>A session for reads (or single-statement writes that need no ordering with other writes).</summary>
    public async ValueTask<SqlSession> LeaseAsync(CancellationToken cancellationToken)
    {
        if (_idle.TryTake(out SqlSession? session))
        {
            Interlocked.Decrement(ref _idleCount);
            return session;
        }

        return await OpenAsync(cancellationToken);
    }

    /// <summary>A session on a new connection, not one of the idle ones (the group-commit writer keeps its own).</summary>
    internal async ValueTask<SqlSession> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = _newConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            _onOpen(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return new SqlSession(this, connection);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and completes once it is committed. With serialized
    /// writers (SQLite) concurrent writes share one commit (<see cref="GroupCommitWriter"/>), and the work must only
    /// run statements on the session it is given: it runs on the writer's loop, under a savepoint.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqlSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (_groupCommit is not null)
        {
            return await _groupCommit.WriteAsync(work, cancellationToken);
        }

        await using SqlSession session = await LeaseAsync(cancellationToken);
        await using DbTransaction transaction = await session.Connection.BeginTransactionAsync(cancellationToken);
        session.Transaction = transaction;
        try
        {
            T result = await work(session, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            session.RunAfterCommit();
            return result;
        }
        finally
        {
            session.DiscardAfterCommit();
            session.Transaction = null;
        }
    }

    /// <summary>One write statement; the number of rows it changed.</summary>
    public Task<int> ExecuteWriteAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        WriteAsync((session, ct) => session.ExecuteAsync(sql, ct, values), cancellationToken);

    internal async ValueTask ReturnAsync(SqlSession session, bool broken)
    {
        if (!broken && Interlocked.Increment(ref _idleCount) <= _maxIdle)
        {
            _idle.Add(session);
            return;
        }

        if (!broken)
        {
            Interlocked.Decrement(ref _idleCount);
        }

        await session.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_groupCommit is not null)
        {
            await _groupCommit.DisposeAsync();
        }

        while (_idle.TryTake(out SqlSession? session))
        {
            await session.CloseAsync();
        }

    }
}
