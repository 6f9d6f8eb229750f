using Microsoft.EntityFrameworkCore;
using TnAcme.Acme.Stores;

namespace TnAcme.Storage.Stores;

public sealed class EfReplayStore : IReplayStore
{
    private readonly IDbContextFactory<TnAcmeDbContext> _factory;

    public EfReplayStore(IDbContextFactory<TnAcmeDbContext> factory) => _factory = factory;

    /// <summary>
    /// One insert per Authority Token (its jti): a seen value is a conflict that inserts nothing, instead of an
    /// exception out of SaveChanges. Plain SQL both SQLite (3.24+) and PostgreSQL accept.
    /// </summary>
    public async Task<bool> TryRecordAsync(string scope, string value, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        long until = Time.ToUnix(keepUntil);
        int rows = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "replays" ("Scope", "Value", "KeepUntil") VALUES ({scope}, {value}, {until})
            ON CONFLICT ("Scope", "Value") DO NOTHING
            """, cancellationToken);
        return rows == 1;
    }
}
