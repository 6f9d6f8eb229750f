using System.Collections.Concurrent;

namespace TnAcme.Storage.Caching;

/// <summary>
/// Rows as this process last committed them, for the reads of an issuance that follow its own writes (the
/// authorization fetched after newOrder, the challenge answered on it, finalize reading both). Changed only by
/// after-commit actions (<see cref="Sql.SqlSession.AfterCommit"/>), which run in commit order, and never by reads,
/// so an entry is always the row as committed: a read that misses goes to the database. Only sound while no other
/// process writes these rows (<see cref="TnAcmeDatabase.ClaimExclusiveUse"/>). The oldest entries are dropped past
/// the capacity; an issuance's requests follow each other within milliseconds to seconds.
/// </summary>
internal sealed class CommittedRows<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, T> _rows = new(StringComparer.Ordinal);
    private readonly Queue<string> _added = new();
    private readonly Lock _lock = new();
    private readonly int _capacity;

    public CommittedRows(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count => _rows.Count;

    public bool TryGet(string id, out T row) => _rows.TryGetValue(id, out row!);

    /// <summary>The row as just committed.</summary>
    public void Put(string id, T row)
    {
        lock (_lock)
        {
            if (_rows.TryAdd(id, row))
            {
                _added.Enqueue(id);
                while (_added.Count > _capacity)
                {
                    _rows.TryRemove(_added.Dequeue(), out _);
                }
            }
            else
            {
                _rows[id] = row;
            }
        }
    }

    /// <summary>
    /// The row changed in a way this process does not know in full: the next read goes to the database. The id stays
    /// in the eviction queue, so a row put again later may be dropped early: a miss, never a stale read.
    /// </summary>
    public void Forget(string id)
    {
        lock (_lock)
        {
            _rows.TryRemove(id, out _);
        }
    }

    /// <summary><see cref="Forget"/>, once the session's transaction commits.</summary>
    public void ForgetAfterCommit(Sql.SqlSession session, string id) => session.AfterCommit(() => Forget(id));
}
