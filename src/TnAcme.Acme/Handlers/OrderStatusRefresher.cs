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

    public async Task<Order> RefreshAsync(Order order, CancellationToken ct)
    {
        if (order.Status is not (OrderStatus.Pending or OrderStatus.Ready))
        {
            return order;
        }

        DateTimeOffset now = _c.Now;
        Order next = order;
        if (order.Expires <= now)
        {
            next = order with { Status = OrderStatus.Invalid, Error = AcmeProblem.Malformed("the order expired before it was finalized") };
        }
        else
        {
            IReadOnlyList<Authorization> authorizations = await _c.Authorizations.GetManyAsync(order.AuthorizationIds, ct);
            Authorization? failed = authorizations.FirstOrDefault(a => a.Status is not (AuthorizationStatus.Pending or AuthorizationStatus.Valid) || a.Expires <= now);
            if (failed is not null)
            {
                AcmeProblem cause = failed.Challenges.Select(c => c.Error).FirstOrDefault(e => e is not null)
                    ?? new AcmeProblem { Type = AcmeErrorType.Unauthorized, Detail = $"authorization for the identifier is {(failed.Expires <= now ? "expired" : StatusNames.Of(failed.Status))}", Status = 403 };
                next = order with { Status = OrderStatus.Invalid, Error = cause with { Identifier = null } };
            }
            else if (authorizations.Count == order.AuthorizationIds.Count && authorizations.All(a => a.Status == AuthorizationStatus.Valid))
            {
                next = order with { Status = OrderStatus.Ready };
            }
        }

        if (next.Status == order.Status)
        {
            return order;
        }

        return await _c.Orders.TryUpdateAsync(next, order.Status, ct) ? next : (await _c.Orders.GetAsync(order.Id, ct))!;
    }
}
