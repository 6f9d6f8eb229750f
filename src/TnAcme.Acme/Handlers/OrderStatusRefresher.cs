using TnAcme.Acme.Problems;

namespace TnAcme.Acme.Handlers;

/// <summary>
/// Derives an order's status from its authorizations and its expiry (RFC 8555 §7.1.6), and records a change
/// with compare-and-set so concurrent readers agree.
/// </summary>
internal sealed class OrderStatusRefresher
{
    private readonly AcmeContext _c;

    public OrderStatusRefresher(AcmeContext context) => _c = context;

    /// <summary>Records <paramref name="next"/> if it differs from the stored <paramref name="stored"/>; returns what holds now.</summary>
    public async Task<Order> RecordAsync(Order stored, Order next, CancellationToken ct)
    {
        if (next.Status == stored.Status)
        {
            return stored;
        }

        return await _c.Orders.TryUpdateAsync(next, stored.Status, ct) ? next : (await _c.Orders.GetAsync(stored.Id, ct))!;
    }

    /// <summary>The status the order has now, given its authorizations as read with it, without recording it.</summary>
    public Order Derive(Order order, IReadOnlyList<Authorization> authorizations)
    {
        if (order.Status is not (OrderStatus.Pending or OrderStatus.Ready))
        {
            return order;
        }

        DateTimeOffset now = _c.Now;
        if (order.Expires <= now)
        {
            return order with { Status = OrderStatus.Invalid, Error = AcmeProblem.Malformed("the order expired before it was finalized") };
        }

        Authorization? failed = authorizations.FirstOrDefault(a => a.Status is not (AuthorizationStatus.Pending or AuthorizationStatus.Valid) || a.Expires <= now);
        if (failed is not null)
        {
            AcmeProblem cause = failed.Challenges.Select(c => c.Error).FirstOrDefault(e => e is not null)
                ?? new AcmeProblem { Type = AcmeErrorType.Unauthorized, Detail = $"authorization for the identifier is {(failed.Expires <= now ? "expired" : StatusNames.Of(failed.Status))}", Status = 403 };
            return order with { Status = OrderStatus.Invalid, Error = cause with { Identifier = null } };
        }

        bool allValid = authorizations.Count == order.AuthorizationIds.Count && authorizations.All(a => a.Status == AuthorizationStatus.Valid);
        return order with { Status = allValid ? OrderStatus.Ready : OrderStatus.Pending };
    }
}
