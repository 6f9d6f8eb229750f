namespace TnAcme.Validation.AuthorityToken;

/// <summary>
/// The check an Authority Token failed (RFC 9447 §4, RFC 9448 §6). The names are stable: the ACME layer puts
/// them into the challenge error, and operators search logs for them.
/// </summary>
public enum AuthorityTokenCheck
{
    /// <summary>Not a compact JWS, undecodable parts, bad JSON, or a required claim missing or of the wrong JSON type.</summary>
    Malformed,

    /// <summary>The JOSE <c>alg</c> is not ES256 (none, HS*, RS* … are refused).</summary>
    Algorithm,

    /// <summary>The <c>x5u</c> URL is refused (not HTTPS, SSRF guard) or could not be fetched and parsed.</summary>
    X5u,

    /// <summary>The <c>x5c</c> array is not an array of standard-base64 DER certificates.</summary>
    X5c,

    /// <summary>The signer certificate does not chain to a configured token-authority trust anchor, or may not sign.</summary>
    UntrustedSigner,

    /// <summary>The signer certificate's key is not an ECDSA P-256 key.</summary>
    SignerKey,

    /// <summary>The ES256 signature is not 64 bytes or does not verify.</summary>
    Signature,

    /// <summary><c>atc.tktype</c> is not TNAuthList.</summary>
    TokenType,

    /// <summary><c>atc.tkvalue</c> is not a base64 DER TNAuthList, or not the challenged one.</summary>
    TokenValue,

    /// <summary><c>exp</c> has passed (beyond the allowed clock skew).</summary>
    Expired,

    /// <summary><c>nbf</c> is in the future (beyond the allowed clock skew).</summary>
    NotYetValid,

    /// <summary><c>iat</c> is in the future (beyond the allowed clock skew).</summary>
    IssuedAt,

    /// <summary>The <c>jti</c> was already used with this signer and single use is required.</summary>
    Replayed,

    /// <summary><c>atc.fingerprint</c> is unreadable or does not match the requesting account key.</summary>
    Fingerprint,
}
