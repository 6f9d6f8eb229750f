namespace TnAcme.Acme.Jose;

/// <summary>Anti-replay nonces (RFC 8555 §6.5): issued in Replay-Nonce headers, each accepted once.</summary>
public interface INonceService
{
    /// <summary>A fresh nonce (base64url, no padding).</summary>
    string Issue();

    /// <summary>
    /// Whether <paramref name="nonce"/> was issued by this service, is still within its replay window,
    /// and had not been consumed; it is consumed now. False for anything else, including text that is
    /// not base64url — the caller answers badNonce (RFC 8555 §6.5).
    /// </summary>
    bool TryConsume(string? nonce);
}
