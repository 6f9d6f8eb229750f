using TnAcme.Stir;

namespace TnAcme.TokenAuthority.Requests;

/// <summary>
/// A well-formed token request: the TNAuthList asked for (its DER exactly as sent, because the CA compares the token's
/// DER with the order's), whether a CA certificate may follow, and the account-key fingerprint as written.
/// </summary>
public sealed record TokenRequest(TnAuthList TnAuthList, bool Ca, string Fingerprint);
