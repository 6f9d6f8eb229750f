using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using TnAcme.Acme.Stores;
using TnAcme.Storage.Entities;

namespace TnAcme.Storage.Stores;

/// <summary>
/// Sliding-window counters in the "rate_events" table. One check-and-record runs in a transaction behind a
/// process-wide lock, so concurrent requests in this process cannot both take the last slot; the rows survive restarts.
/// </summary>
public sealed class EfRateLimitStore : IRateLimitStore
{
    private readonly IDbContextFactory<TnAcmeDbContext> _factory;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public EfRateLimitStore(IDbContextFactory<TnAcmeDbContext> factory) => _factory = factory;

    public async Task<RateLimitDecision> TryAcquireAsync(IReadOnlyList<RateLimitRule> rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
            await using IDbContextTransaction tx = await db.Database.BeginTransactionAsync(cancellationToken);
            long nowMs = Time.ToUnix(now);
            foreach (RateLimitRule rule in rules)
            {
                long since = nowMs - (long)rule.Window.TotalMilliseconds;
                await db.RateEvents.Where(r => r.Scope == rule.Scope && r.Key == rule.Key && r.At <= since).ExecuteDeleteAsync(cancellationToken);
                List<long> inWindow = await db.RateEvents.AsNoTracking()
                    .Where(r => r.Scope == rule.Scope && r.Key == rule.Key && r.At > since)
                    .OrderBy(r => r.At)
                    .Select(r => r.At)
                    .ToListAsync(cancellationToken);
                if (inWindow.Count >= rule.Limit)
                {
                    // A slot frees when enough of the oldest events leave the window.
                    long freedBy = inWindow[inWindow.Count - rule.Limit];
                    await tx.CommitAsync(cancellationToken);
                    return new RateLimitDecision(rule, Time.FromUnix(freedBy) + rule.Window);
                }
            }

            foreach (RateLimitRule rule in rules)
            {
                db.RateEvents.Add(new RateEventEntity { Scope = rule.Scope, Key = rule.Key, At = nowMs });
            }

            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return RateLimitDecision.Allow;
        }
        finally
        {
            _lock.Release();
        }
    }
}
