using TnAcme.Stir;

namespace TnAcme.Client.AuthorityTokens;

/// <summary>
/// The claims a token must carry for this challenge (RFC 9448 §5.4): <c>atc</c> = {tktype TNAuthList, tkvalue,
/// ca, fingerprint of the account key}; plus the challenge's <c>token-authority</c> hint when the CA gave one.
/// </summary>
public sealed record AuthorityTokenRequest
{
    public const string TkTypeTnAuthList = "TNAuthList";

    public required TnAuthList TnAuthList { get; init; }

    /// <summary>Whether the certificate will be a CA certificate (the token must grant <c>"ca": true</c>).</summary>
    public bool Ca { get; init; }

    /// <summary>The RFC 7638 SHA-256 thumbprint of the ACME account key.</summary>
    public required byte[] AccountThumbprint { get; init; }

    /// <summary>The challenge's <c>token-authority</c> (RFC 9447 §3), absent in SHAKEN.</summary>
    public string? TokenAuthorityHint { get; init; }

    public string TkType => TkTypeTnAuthList;

    /// <summary>base64url of the DER TNAuthList, no padding: the identifier value (RFC 9448 §3).</summary>
    public string TkValue => TnAuthListIdentifier.Encode(TnAuthList);

    /// <summary>"SHA256 AA:BB:…".</summary>
    public string Fingerprint => AccountFingerprint.Format(AccountThumbprint);
}
