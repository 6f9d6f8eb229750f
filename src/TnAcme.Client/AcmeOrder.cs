using TnAcme.Client.Resources;

namespace TnAcme.Client;

/// <summary>An order and its URL (the order object itself does not carry it, RFC 8555 §7.1.3).</summary>
public sealed record AcmeOrder(string Url, OrderResource Resource);
