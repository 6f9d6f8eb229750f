using System.Data.Common;

namespace TnAcme.Storage.Sql;

/// <summary>
/// One open connection and the commands prepared on it, keyed by their SQL text. Parameters are positional:
/// <c>@p0</c>, <c>@p1</c>, … in the text, values in the same order. Dispose to give it back to the pool.
/// </summary>
public sealed class SqlSession : IAsyncDisposable
{
    private readonly SqlSessionPool _pool;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly List<Action> _afterCommit = [];
    private bool _broken;

    internal SqlSession(SqlSessionPool pool, DbConnection connection)
    {
        _pool = pool;
        Connection = connection;
    }

    public DbConnection Connection { get; }

    public SqlDialect Dialect => _pool.Dialect;

    internal DbTransaction? Transaction { get; set; }

    /// <summary>The command for <paramref name="sql"/> with <paramref name="values"/> bound (null binds SQL NULL).</summary>
    public DbCommand Command(string sql, params ReadOnlySpan<object?> values)
    {
        if (!_commands.TryGetValue(sql, out DbCommand? command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            for (int i = 0; i < values.Length; i++)
            {
                DbParameter parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                command.Parameters.Add(parameter);
            }

            _commands[sql] = command;
        }

        if (command.Parameters.Count != values.Length)
        {
            throw new ArgumentException($"the statement takes {command.Parameters.Count} values, {values.Length} given", nameof(values));
        }

        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.Transaction = Transaction;
        return command;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        await Command(sql, values).ExecuteNonQueryAsync(cancellationToken);

    /// <summary>The first row mapped by <paramref name="read"/>, or null.</summary>
    public async Task<T?> SingleAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params object?[] values)
        where T : class
    {
        await using DbDataReader reader = await Command(sql, values).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? read(reader) : null;
    }

    public async Task<List<T>> ListAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params object?[] values)
    {
        var rows = new List<T>();
        await using DbDataReader reader = await Command(sql, values).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the transaction the session is writing in has committed, and never if it
    /// rolls back (or the write that registered it is rolled back to its savepoint). Actions run in commit order: on
    /// SQLite on the group-commit loop, before the next batch starts, so what they record follows the database exactly.
    /// </summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>How many after-commit actions are registered: a mark to <see cref="DiscardAfterCommit"/> back to.</summary>
    internal int AfterCommitCount => _afterCommit.Count;

    /// <summary>Drops the actions registered since <paramref name="mark"/> (their writes were rolled back).</summary>
    internal void DiscardAfterCommit(int mark = 0) => _afterCommit.RemoveRange(mark, _afterCommit.Count - mark);

    /// <summary>Runs, then forgets, the registered actions: the transaction has committed.</summary>
    internal void RunAfterCommit()
    {
        try
        {
            foreach (Action action in _afterCommit)
            {
                action();
            }
        }
        finally
        {
            _afterCommit.Clear();
        }
    }

    /// <summary>Marks the connection unusable (after an error mid-statement): it is closed instead of pooled.</summary>
    internal void Break() => _broken = true;

    public ValueTask DisposeAsync() => _pool.ReturnAsync(this, _broken);

    internal async ValueTask CloseAsync()
    {
        foreach (DbCommand command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
        await Connection.DisposeAsync();
    }
}
