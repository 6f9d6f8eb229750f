using Microsoft.EntityFrameworkCore;
using TnAcme.Acme;
using TnAcme.Storage.Caching;
using TnAcme.Storage.Sql;

namespace TnAcme.Storage;

/// <summary>
/// One database, two ways in: EF Core contexts for the schema (migrations) and the occasional query, and a pool of
/// prepared statements for the few statements every issuance runs.
/// </summary>
public sealed class TnAcmeDatabase : IAsyncDisposable
{
    /// <summary>Rows kept of each kind once a server owns the database: about ten seconds of issuances at full speed.</summary>
    private const int CommittedRowCapacity = 16_384;

    private FileStream? _exclusiveUse;

    /// <param name="exclusiveUseLock">
    /// For a database one process serves (SQLite): the lock file a server holds while it serves it
    /// (<see cref="ClaimExclusiveUse"/>); null for a database several nodes share.
    /// </param>
    public TnAcmeDatabase(IDbContextFactory<TnAcmeDbContext> contexts, SqlSessionPool sql, string? exclusiveUseLock = null)
    {
        Contexts = contexts;
        Sql = sql;
        ExclusiveUseLock = exclusiveUseLock;
    }

    public IDbContextFactory<TnAcmeDbContext> Contexts { get; }

    public SqlSessionPool Sql { get; }

    public string? ExclusiveUseLock { get; }

    /// <summary>Orders as committed by this process, once it serves the database alone; else null.</summary>
    internal CommittedRows<Order>? Orders { get; private set; }

    /// <summary>Authorizations as committed by this process, once it serves the database alone; else null.</summary>
    internal CommittedRows<Authorization>? Authorizations { get; private set; }

    /// <summary>
    /// For a server: takes the database for this process alone (an exclusive lock on <see cref="ExclusiveUseLock"/>,
    /// held until disposal), so that what it committed can be served from memory. A second server on the same file
    /// would run a second issuance-log integrator and serve stale rows: it is refused. Command-line tools that only
    /// add accounts' keys or read may still open the database meanwhile. Does nothing for a shared database.
    /// </summary>
    /// <exception cref="DatabaseInUseException">Another process serves the database.</exception>
    public void ClaimExclusiveUse()
    {
        if (ExclusiveUseLock is null || _exclusiveUse is not null)
        {
            return;
        }

        try
        {
            // .NET takes flock(2) for FileShare.None on Unix: released by the kernel when the process ends, even killed.
            _exclusiveUse = new FileStream(ExclusiveUseLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new DatabaseInUseException($"another TnAcme server is serving this database (its lock {ExclusiveUseLock} is held)", e);
        }

        Orders = new CommittedRows<Order>(CommittedRowCapacity);
        Authorizations = new CommittedRows<Authorization>(CommittedRowCapacity);
    }

    public async ValueTask DisposeAsync()
    {
        await Sql.DisposeAsync();
        Orders = null;
        Authorizations = null;
        if (_exclusiveUse is not null)
        {
            await _exclusiveUse.DisposeAsync();
            _exclusiveUse = null;
        }
    }
}

public sealed class DatabaseInUseException(string message, Exception inner) : InvalidOperationException(message, inner);
