namespace TnAcme.Acme.Stores;

public interface IOrderStore
{
    /// <summary>Stores a new order together with the authorizations created for it, in one transaction.</summary>
    Task CreateAsync(Order order, IReadOnlyList<Authorization> newAuthorizations, CancellationToken cancellationToken);

    Task<Order?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// The order and its authorizations (in the order of <see cref="Order.AuthorizationIds"/>; any not found left out)
    /// in one read, for the requests that derive the order's status from them.
    /// </summary>
    Task<OrderWithAuthorizations?> GetWithAuthorizationsAsync(string id, CancellationToken cancellationToken);

    /// <summary>Compare-and-set on status: writes <paramref name="updated"/> only if the stored status is still <paramref name="expected"/>.</summary>
    Task<bool> TryUpdateAsync(Order updated, OrderStatus expected, CancellationToken cancellationToken);

    /// <summary>The account's orders, newest first, excluding invalid ones; <paramref name="before"/> is a paging cursor.</summary>
    Task<OrderPage> ListByAccountAsync(string accountId, string? before, int limit, CancellationToken cancellationToken);
}

public sealed record OrderWithAuthorizations(Order Order, IReadOnlyList<Authorization> Authorizations);

public sealed record OrderPage(IReadOnlyList<string> OrderIds, string? NextCursor);
