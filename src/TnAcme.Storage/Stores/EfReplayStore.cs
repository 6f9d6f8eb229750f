using Microsoft.EntityFrameworkCore;
using TnAcme.Acme.Stores;

namespace TnAcme.Storage.Stores;

public sealed class EfReplayStore : IReplayStore
{
    private readonly IDbContextFactory<TnAcmeDbContext> _factory;

    public EfReplayStore(IDbContextFactory<TnAcmeDbContext> factory) => _factory = factory;

    public async Task<bool> TryRecordAsync(string scope, string value, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        db.Replays.Add(new Entities.ReplayEntity { Scope = scope, Value = value, KeepUntil = Time.ToUnix(keepUntil) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
