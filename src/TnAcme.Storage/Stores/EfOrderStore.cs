using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using TnAcme.Acme;
using TnAcme.Acme.Stores;
using TnAcme.Storage.Caching;
using TnAcme.Storage.Entities;
using TnAcme.Storage.Sql;

namespace TnAcme.Storage.Stores;

/// <summary>Orders: the issuance path through prepared statements, the account's order list through EF Core.</summary>
public sealed class EfOrderStore : IOrderStore
{
    private const string Insert = $"""
        INSERT INTO "orders" ({Rows.OrderColumns})
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)
        """;

    private const string ById = $"""SELECT {Rows.OrderColumns} FROM "orders" WHERE "Id" = @p0""";

    private const string CompareAndSet = """
        UPDATE "orders" SET "Status" = @p0, "ErrorJson" = @p1, "CertificateSerial" = @p2, "NotBefore" = @p3, "NotAfter" = @p4
        WHERE "Id" = @p5 AND "Status" = @p6
        """;

    private readonly TnAcmeDatabase _db;

    /// <summary>One row per authorization id of the order (its authorization's columns null when not found).</summary>
    private readonly string _withAuthorizations;

    public EfOrderStore(TnAcmeDatabase db)
    {
        _db = db;
        _withAuthorizations = $"""
            SELECT {Rows.OrderThenAuthorizationColumns}
            FROM {db.Sql.Dialect.OrderAuthorizationIds} LEFT JOIN "authorizations" a ON a."Id" = j."value"
            WHERE o."Id" = @p0
            """;
    }

    public Task CreateAsync(Order order, IReadOnlyList<Authorization> newAuthorizations, CancellationToken cancellationToken)
    {
        OrderEntity o = order.ToEntity();
        KeptRow<Order>? kept = KeptRow<Order>.For(_db.Orders, o.Id, o.ToDomain);
        var inserts = newAuthorizations.Select(a => EfAuthorizationStore.Writing(_db, a.ToEntity())).ToList();
        return _db.Sql.WriteAsync(async (session, ct) =>
        {
            await session.ExecuteAsync(Insert, ct, o.Id, o.AccountId, o.Status, o.Expires, o.IdentifiersJson, o.NotBefore, o.NotAfter,
                o.Profile, o.AuthorizationIdsJson, o.ErrorJson, o.CertificateSerial, o.CreatedAt);
            foreach (AuthorizationWrite insert in inserts)
            {
                await EfAuthorizationStore.InsertAsync(session, insert, ct);
            }

            kept?.PutAfterCommit(session);
            return true;
        }, cancellationToken);
    }

    public async Task<Order?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (_db.Orders is { } orders && orders.TryGet(id, out Order cached))
        {
            return cached;
        }

        await using SqlSession session = await _db.Sql.LeaseAsync(cancellationToken);
        return (await session.SingleAsync(ById, Rows.Order, cancellationToken, id))?.ToDomain();
    }

    /// <summary>
    /// From the rows this process committed when it has them all (the issuance flow's finalize), else one statement (a
    /// join on the order's JSON array of ids) instead of the order's read and one per authorization. From memory the
    /// order and its authorizations are not one snapshot: a commit may land between them, as between two statements.
    /// That is safe because every later write is a compare-and-set on what was read.
    /// </summary>
    public async Task<OrderWithAuthorizations?> GetWithAuthorizationsAsync(string id, CancellationToken cancellationToken)
    {
        if (Committed(id) is { } committed)
        {
            return committed;
        }

        await using SqlSession session = await _db.Sql.LeaseAsync(cancellationToken);
        await using DbDataReader reader = await session.Command(_withAuthorizations, id).ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        Order order = Rows.Order(reader).ToDomain();
        var found = new List<Authorization>(order.AuthorizationIds.Count);
        do
        {
            if (!reader.IsDBNull(Rows.AuthorizationAfterOrder))
            {
                found.Add(Rows.AuthorizationAt(reader, Rows.AuthorizationAfterOrder).ToDomain());
            }
        }
        while (await reader.ReadAsync(cancellationToken));

        // A join promises no row order: back to the order's own.
        IReadOnlyList<Authorization> ordered = found.Count <= 1
            ? found
            : order.AuthorizationIds.Select(i => found.Find(a => a.Id == i)).OfType<Authorization>().ToList();
        return new OrderWithAuthorizations(order, ordered);
    }

    private OrderWithAuthorizations? Committed(string id)
    {
        if (_db.Orders is not { } orders || _db.Authorizations is not { } authorizations || !orders.TryGet(id, out Order order))
        {
            return null;
        }

        var found = new Authorization[order.AuthorizationIds.Count];
        for (int i = 0; i < found.Length; i++)
        {
            if (!authorizations.TryGet(order.AuthorizationIds[i], out found[i]))
            {
                return null;
            }
        }

        return new OrderWithAuthorizations(order, found);
    }

    public async Task<bool> TryUpdateAsync(Order updated, OrderStatus expected, CancellationToken cancellationToken)
    {
        OrderEntity e = updated.ToEntity();
        KeptRow<Order>? kept = KeptRow<Order>.For(_db.Orders, e.Id, e.ToDomain);
        return await _db.Sql.WriteAsync(async (session, ct) =>
        {
            // When the compare-and-set holds, the row is the updated order: the statement sets every column that
            // changes after newOrder.
            bool changed = await session.ExecuteAsync(CompareAndSet, ct,
                e.Status, e.ErrorJson, e.CertificateSerial, e.NotBefore, e.NotAfter, e.Id, (int)expected) == 1;
            if (changed)
            {
                kept?.PutAfterCommit(session);
            }

            return changed;
        }, cancellationToken);
    }

    public async Task<OrderPage> ListByAccountAsync(string accountId, string? before, int limit, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _db.Contexts.CreateDbContextAsync(cancellationToken);
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
