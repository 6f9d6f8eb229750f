using System.Text.Json;
using TnAcme.Acme.Issuance;
using TnAcme.Acme.Policy;
using TnAcme.Acme.Problems;
using TnAcme.Acme.Protocol;
using TnAcme.Acme.Stores;
using TnAcme.Stir;

namespace TnAcme.Acme.Handlers;

/// <summary>newOrder, the order resource, finalize (RFC 8555 §7.4).</summary>
public sealed class OrderHandlers
{
    private readonly AcmeContext _c;
    private readonly AuthorizationFactory _authorizations;
    private readonly OrderStatusRefresher _refresher;

    public OrderHandlers(AcmeContext context)
    {
        _c = context;
        _authorizations = new AuthorizationFactory(context);
        _refresher = new OrderStatusRefresher(context);
    }

    public async Task<AcmeResponse> NewOrderAsync(AuthenticatedRequest request, CancellationToken ct)
    {
        Account account = request.RequireAccount();
        JsonElement payload = request.PayloadObject();
        IReadOnlyList<AcmeIdentifier> identifiers = Payload.Identifiers(payload, "identifiers", 10);
        TnAuthList list = OrderPolicy.CheckIdentifiers(identifiers);
        string profile = _c.Policy.ChooseProfile(Payload.String(payload, "profile"), list);
        DateTimeOffset? notBefore = Payload.Time(payload, "notBefore");
        DateTimeOffset? notAfter = Payload.Time(payload, "notAfter");
        DateTimeOffset now = _c.Now;
        _c.Policy.CheckValidity(profile, notBefore, notAfter, now);

        var authorizationIds = new List<string>();
        var created = new List<Authorization>();
        DateTimeOffset expires = now + _c.Options.OrderLifetime;
        bool allValid = true;
        foreach (AcmeIdentifier id in identifiers)
        {
            Authorization? reused = _c.Options.ReuseAuthorizations
                ? await _c.Authorizations.FindReusableAsync(account.Id, id, now + TimeSpan.FromMinutes(1), ct)
                : null;
            Authorization authz = reused ?? _authorizations.NewPending(account.Id, id, now);
            if (reused is null)
            {
                created.Add(authz);
                allValid = false;
            }

            authorizationIds.Add(authz.Id);
            expires = authz.Expires < expires ? authz.Expires : expires;
        }

        var order = new Order
        {
            Id = Ids.TimeOrdered(now),
            AccountId = account.Id,
            Status = allValid ? OrderStatus.Ready : OrderStatus.Pending,
            Expires = expires,
            Identifiers = identifiers,
            NotBefore = notBefore,
            NotAfter = notAfter,
            Profile = profile,
            AuthorizationIds = authorizationIds,
            CreatedAt = now,
        };
        await _c.Orders.CreateAsync(order, created, ct);
        return AcmeResponse.FromJson(_c.Writer.Order(order, null), 201, _c.Urls.Order(order.Id));
    }

    public async Task<AcmeResponse> OrderAsync(AuthenticatedRequest request, string orderId, CancellationToken ct)
    {
        Account account = request.RequireAccount();
        OrderWithAuthorizations read = (await _c.Orders.GetWithAuthorizationsAsync(orderId, ct)).OwnedBy(account.Id, r => r.Order.AccountId, "order");
        Order order = await _refresher.RecordAsync(read.Order, _refresher.Derive(read.Order, read.Authorizations), ct);
        return Render(order);
    }

    /// <param name="from">
    /// The order's stored status: processing when the CA had claimed it, else as read (then a concurrent finalize that
    /// claimed it meanwhile keeps it).
    /// </param>
    private async Task<Order> FailAsync(Order order, OrderStatus from, AcmeProblem problem)
    {
        Order failed = order with { Status = OrderStatus.Invalid, Error = problem };
        await _c.Orders.TryUpdateAsync(failed, from, CancellationToken.None);
        return failed;
    }

    private AcmeResponse Render(Order order, int status = 200, string? location = null)
    {
        string? x5u = order.CertificateSerial is null ? null : _c.Urls.X5u(order.CertificateSerial);
        var response = new AcmeResponse
        {
            Body = _c.Writer.Order(order, x5u),
            Status = status,
            Location = location,
            RetryAfterSeconds = order.Status == OrderStatus.Processing ? 1 : null,
        };
        return response;
    }

    public async Task<AcmeResponse> FinalizeAsync(AuthenticatedRequest request, string orderId, CancellationToken ct)
    {
        Account account = request.RequireAccount();
        OrderWithAuthorizations read = (await _c.Orders.GetWithAuthorizationsAsync(orderId, ct)).OwnedBy(account.Id, r => r.Order.AccountId, "order");
        (Order order, IReadOnlyList<Authorization> authorizations) = (read.Order, read.Authorizations);
        JsonElement payload = request.PayloadObject();
        // The order's stored status may lag its authorizations (pending while all are valid): derive it, and move
        // straight to processing rather than recording "ready" first.
        Order current = _refresher.Derive(order, authorizations);
        if (current.Status is OrderStatus.Processing or OrderStatus.Valid)
        {
            // A repeated or concurrent finalize: exactly one issuance happened; report it.
            return Render(current, 200, _c.Urls.Order(order.Id));
        }

        if (current.Status != OrderStatus.Ready)
        {
            current = await _refresher.RecordAsync(order, current, ct);
            throw new AcmeProblemException(new AcmeProblem
            {
                Type = AcmeErrorType.OrderNotReady,
                Detail = $"the order is {StatusNames.Of(current.Status)}, not ready: complete its authorizations first",
                Status = 403,
            });
        }

        string csrText = Payload.String(payload, "csr") ?? throw new AcmeProblemException(AcmeProblem.Malformed("finalize needs \"csr\""));
        if (!Base64Url.TryDecode(csrText, out byte[]? csrDer))
        {
            throw new AcmeProblemException(AcmeProblem.BadCsr("\"csr\" must be base64url (no padding) of a DER PKCS#10 request"));
        }

        CertificateOrder certificateOrder = new FinalizePolicy(_c).Check(account, order, authorizations, _c.CsrDecoder.Decode(csrDer!), request.Key);

        Order finished;
        try
        {
            // The CA claims the order (→ processing) with the intent, then stores the certificate and makes the order
            // valid in one transaction.
            IssuedCertificateRecord issued = await _c.CertificateAuthority.IssueAsync(certificateOrder, ct);
            finished = order with { Status = OrderStatus.Valid, CertificateSerial = issued.Serial };
        }
        catch (OrderNotClaimedException)
        {
            // A concurrent finalize claimed it first: exactly one issuance happens; report the order as it is now.
            Order latest = (await _c.Orders.GetAsync(order.Id, ct))!;
            return Render(latest, 200, _c.Urls.Order(order.Id));
        }
        catch (AcmeProblemException e)
        {
            finished = await FailAsync(order, order.Status, e.Problem);
        }
        catch (IssuanceFailedException)
        {
            finished = await FailAsync(order, OrderStatus.Processing, AcmeProblem.ServerInternal("issuance failed; the order cannot be completed"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            finished = await FailAsync(order, order.Status, AcmeProblem.ServerInternal("issuance failed; the order cannot be completed"));
        }

        if (finished.Error is { } error)
        {
            throw new AcmeProblemException(error);
        }

        return Render(finished, 200, _c.Urls.Order(order.Id));
    }
}
