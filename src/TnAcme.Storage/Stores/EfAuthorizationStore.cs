using Microsoft.EntityFrameworkCore;
using TnAcme.Acme;
using TnAcme.Acme.Stores;
using TnAcme.Storage.Entities;

namespace TnAcme.Storage.Stores;

public sealed class EfAuthorizationStore : IAuthorizationStore
{
    private static readonly Func<TnAcmeDbContext, string, CancellationToken, Task<AuthorizationEntity?>> ById =
        EF.CompileAsyncQuery((TnAcmeDbContext db, string id, CancellationToken ct) => db.Authorizations.AsNoTracking().FirstOrDefault(a => a.Id == id));

    private static readonly Func<TnAcmeDbContext, string[], IAsyncEnumerable<AuthorizationEntity>> ByIds =
        EF.CompileAsyncQuery((TnAcmeDbContext db, string[] ids) => db.Authorizations.AsNoTracking().Where(a => ids.Contains(a.Id)));

    private static readonly Func<TnAcmeDbContext, string, string, string, long, CancellationToken, Task<AuthorizationEntity?>> Reusable =
        EF.CompileAsyncQuery((TnAcmeDbContext db, string accountId, string type, string value, long until, CancellationToken ct) => db.Authorizations.AsNoTracking()
            .Where(a => a.AccountId == accountId && a.IdentifierType == type && a.IdentifierValue == value
                        && a.Status == (int)AuthorizationStatus.Valid && a.Expires > until)
            .OrderByDescending(a => a.Expires)
            .FirstOrDefault());

    private readonly IDbContextFactory<TnAcmeDbContext> _factory;

    public EfAuthorizationStore(IDbContextFactory<TnAcmeDbContext> factory) => _factory = factory;

    public async Task CreateAsync(Authorization authorization, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        db.Authorizations.Add(authorization.ToEntity());
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Authorization?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        return (await ById(db, id, cancellationToken))?.ToDomain();
    }

    public async Task<IReadOnlyList<Authorization>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        var found = new List<Authorization>(ids.Count);
        await foreach (AuthorizationEntity row in ByIds(db, [.. ids]).WithCancellation(cancellationToken))
        {
            found.Add(row.ToDomain());
        }

        return found.Count <= 1 ? found : found.OrderBy(a => IndexOf(ids, a.Id)).ToList();
    }

    private static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (int i = 0; i < ids.Count; i++)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    /// <summary>Challenge ids are "&lt;authorization id&gt;-&lt;n&gt;", so the owner is found without another table.</summary>
    public Task<Authorization?> GetByChallengeAsync(string challengeId, CancellationToken cancellationToken)
    {
        int dash = challengeId.LastIndexOf('-');
        return dash <= 0 ? Task.FromResult<Authorization?>(null) : GetAsync(challengeId[..dash], cancellationToken);
    }

    public async Task<bool> TryUpdateAsync(Authorization updated, AuthorizationStatus expected, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        AuthorizationEntity e = updated.ToEntity();
        int rows = await db.Database.ExecuteSqlAsync($"""
            UPDATE "authorizations" SET "Status" = {e.Status}, "Expires" = {e.Expires}, "ChallengesJson" = {e.ChallengesJson},
                "GrantedCa" = {e.GrantedCa}, "ProofExpires" = {e.ProofExpires}, "Revision" = "Revision" + 1
            WHERE "Id" = {e.Id} AND "Status" = {(int)expected}
            """, cancellationToken);
        return rows == 1;
    }

    public async Task<bool> TryReplaceAsync(Authorization updated, Authorization read, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        AuthorizationEntity e = updated.ToEntity();
        int rows = await db.Database.ExecuteSqlAsync($"""
            UPDATE "authorizations" SET "Status" = {e.Status}, "Expires" = {e.Expires}, "ChallengesJson" = {e.ChallengesJson},
                "GrantedCa" = {e.GrantedCa}, "ProofExpires" = {e.ProofExpires}, "Revision" = {read.Revision + 1}
            WHERE "Id" = {e.Id} AND "Status" = {(int)read.Status} AND "Revision" = {read.Revision}
            """, cancellationToken);
        return rows == 1;
    }

    public async Task<Authorization?> FindReusableAsync(string accountId, AcmeIdentifier identifier, DateTimeOffset validUntil, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        long until = Time.ToUnix(validUntil);
        AuthorizationEntity? row = await Reusable(db, accountId, identifier.Type, identifier.Value, until, cancellationToken);
        return row?.ToDomain();
    }
}
