using Microsoft.EntityFrameworkCore;
using TnAcme.Storage.Sql;

namespace TnAcme.Storage;

/// <summary>
/// One database, two ways in: EF Core contexts for the schema (migrations) and the occasional query, and a pool of
/// prepared statements for the few statements every issuance runs.
/// </summary>
public sealed class TnAcmeDatabase : IAsyncDisposable
{
    public TnAcmeDatabase(IDbContextFactory<TnAcmeDbContext> contexts, SqlSessionPool sql)
    {
        Contexts = contexts;
        Sql = sql;
    }

    public IDbContextFactory<TnAcmeDbContext> Contexts { get; }

    public SqlSessionPool Sql { get; }

    public ValueTask DisposeAsync() => Sql.DisposeAsync();
}
