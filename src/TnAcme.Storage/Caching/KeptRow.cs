using TnAcme.Storage.Sql;

namespace TnAcme.Storage.Caching;

/// <summary>
/// A row being written and what a read of it returns once it is committed, for a process that keeps its committed
/// rows (<see cref="CommittedRows{T}"/>). The row is mapped before the write, off the group-commit loop.
/// </summary>
internal readonly record struct KeptRow<T>(CommittedRows<T> Rows, string Id, T Row)
    where T : class
{
    /// <summary>The row <paramref name="read"/> returns for <paramref name="id"/>, or null when no rows are kept.</summary>
    public static KeptRow<T>? For(CommittedRows<T>? rows, string id, Func<T> read) =>
        rows is null ? null : new KeptRow<T>(rows, id, read());

    /// <summary>Once the session's transaction commits, this is what a read of the row returns.</summary>
    public void PutAfterCommit(SqlSession session)
    {
        (CommittedRows<T> rows, string id, T row) = this;
        session.AfterCommit(() => rows.Put(id, row));
    }
}
