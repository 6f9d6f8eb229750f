namespace TnAcme.Acme.Issuance;

/// <summary>
/// The order was no longer in <see cref="CertificateOrder.ClaimFrom"/> when the CA went to record its intent: another
/// finalize claimed it first (or it changed otherwise). Nothing was recorded or signed.
/// </summary>
public sealed class OrderNotClaimedException : Exception
{
    public OrderNotClaimedException(string orderId)
        : base($"order {orderId} was no longer in the status its finalize read; another request holds it")
    {
        OrderId = orderId;
    }

    public string OrderId { get; }
}

/// <summary>
/// The issuance failed after the CA claimed the order (it is processing, with the intent recorded): the caller owns
/// it and settles it (invalid). <see cref="Exception.InnerException"/> says why.
/// </summary>
public sealed class IssuanceFailedException : Exception
{
    public IssuanceFailedException(string orderId, Exception cause)
        : base($"issuance for order {orderId} failed after the order was claimed", cause)
    {
        OrderId = orderId;
    }

    public string OrderId { get; }
}
