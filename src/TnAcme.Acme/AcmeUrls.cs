namespace TnAcme.Acme;

/// <summary>Every URL the server hands out, built from one base. Requests are checked against these exact strings (RFC 8555 §6.4).</summary>
public sealed class AcmeUrls
{
    public AcmeUrls(Uri baseUri)
    {
        string s = baseUri.ToString().TrimEnd('/');
        Base = s;
        Directory = s + "/acme/directory";
        NewNonce = s + "/acme/new-nonce";
        NewAccount = s + "/acme/new-account";
        NewOrder = s + "/acme/new-order";
        NewAuthz = s + "/acme/new-authz";
        RevokeCert = s + "/acme/revoke-cert";
        KeyChange = s + "/acme/key-change";
    }

    public string Base { get; }

    public string Directory { get; }

    public string NewNonce { get; }

    public string NewAccount { get; }

    public string NewOrder { get; }

    public string NewAuthz { get; }

    public string RevokeCert { get; }

    public string KeyChange { get; }

    public string AccountPrefix => Base + "/acme/account/";

    public string Account(string id) => AccountPrefix + id;

    public string AccountOrders(string id) => Base + "/acme/account/" + id + "/orders";

    public string Order(string id) => Base + "/acme/order/" + id;

    public string Finalize(string id) => Base + "/acme/order/" + id + "/finalize";

    public string Authorization(string id) => Base + "/acme/authz/" + id;

    public string Challenge(string id) => Base + "/acme/chall/" + id;

    public string Certificate(string serial) => Base + "/acme/cert/" + serial;

    /// <summary>RFC 9448 §7: unauthenticated GET of the chain, for PASSporT x5u.</summary>
    public string X5u(string serial) => Base + "/x5u/" + serial + ".pem";

    /// <summary>The account id named by a kid, or null when the kid is not one of ours.</summary>
    public string? AccountIdFromKid(string kid) =>
        kid.StartsWith(AccountPrefix, StringComparison.Ordinal) && kid.Length > AccountPrefix.Length && kid.IndexOf('/', AccountPrefix.Length) < 0
            ? kid[AccountPrefix.Length..]
            : null;
}
