using Microsoft.EntityFrameworkCore;
using TnAcme.Acme;
using TnAcme.Acme.Stores;
using TnAcme.Storage.Entities;

namespace TnAcme.Storage.Stores;

public sealed class EfOrderStore : IOrderStore
{
    private static readonly Func<TnAcmeDbContext, string, CancellationToken, Task<OrderEntity?>> ById =
        EF.CompileAsyncQuery((TnAcmeDbContext db, string id, CancellationToken ct) => db.Orders.AsNoTracking().FirstOrDefault(o => o.Id == id));

    private readonly IDbContextFactory<TnAcmeDbContext> _factory;

    public EfOrderStore(IDbContextFactory<TnAcmeDbContext> factory) => _factory = factory;

    public async Task CreateAsync(Order order, IReadOnlyList<Authorization> newAuthorizations, CancellationToken cancellationToken)
    {
        // Once per newOrder: plain SQL in one transaction, without SaveChanges' change tracking and batching.
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        await using var tx = newAuthorizations.Count > 0 ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        OrderEntity o = order.ToEntity();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "orders" ("Id", "AccountId", "Status", "Expires", "IdentifiersJson", "NotBefore", "NotAfter", "Profile",
                "AuthorizationIdsJson", "ErrorJson", "CertificateSerial", "CreatedAt")
            VALUES ({o.Id}, {o.AccountId}, {o.Status}, {o.Expires}, {o.IdentifiersJson}, {o.NotBefore}, {o.NotAfter}, {o.Profile},
                {o.AuthorizationIdsJson}, {o.ErrorJson}, {o.CertificateSerial}, {o.CreatedAt})
            """, cancellationToken);
        foreach (Authorization authorization in newAuthorizations)
        {
            AuthorizationEntity a = authorization.ToEntity();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "authorizations" ("Id", "AccountId", "IdentifierType", "IdentifierValue", "Status", "Expires",
                    "ChallengesJson", "GrantedCa", "ProofExpires", "CreatedAt", "Revision")
                VALUES ({a.Id}, {a.AccountId}, {a.IdentifierType}, {a.IdentifierValue}, {a.Status}, {a.Expires},
                    {a.ChallengesJson}, {a.GrantedCa}, {a.ProofExpires}, {a.CreatedAt}, {a.Revision})
                """, cancellationToken);
        }

        if (tx is not null)
        {
            await tx.CommitAsync(cancellationToken);
        }
    }

    public async Task<Order?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        return (await ById(db, id, cancellationToken))?.ToDomain();
    }

    public async Task<bool> TryUpdateAsync(Order updated, OrderStatus expected, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        OrderEntity e = updated.ToEntity();
        // Three times per issuance: plain parameterized SQL skips the LINQ translation ExecuteUpdate pays on every call.
        int rows = await db.Database.ExecuteSqlAsync($"""
            UPDATE "orders" SET "Status" = {e.Status}, "ErrorJson" = {e.ErrorJson}, "CertificateSerial" = {e.CertificateSerial},
                "NotBefore" = {e.NotBefore}, "NotAfter" = {e.NotAfter}
            WHERE "Id" = {e.Id} AND "Status" = {(int)expected}
            """, cancellationToken);
        return rows == 1;
    }

    public async Task<OrderPage> ListByAccountAsync(string accountId, string? before, int limit, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        IQueryable<OrderEntity> query = db.Orders.AsNoTracking().Where(o => o.AccountId == accountId && o.Status != (int)OrderStatus.Invalid);
        if (before is not null && long.TryParse(before, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long cursor))
        {
            query = query.Where(o => o.CreatedAt < cursor);
        }

        var rows = await query.OrderByDescending(o => o.CreatedAt).Take(limit + 1).Select(o => new { o.Id, o.CreatedAt }).ToListAsync(cancellationToken);
        string? next = rows.Count > limit ? rows[limit - 1].CreatedAt.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new OrderPage(rows.Take(limit).Select(r => r.Id).ToList(), next);
    }
}
