namespace TnAcme.Acme.Jose;

/// <summary>The JWK key types TnAcme accepts (RFC 7518 §6.1, RFC 8037 §2).</summary>
public enum JsonWebKeyType
{
    /// <summary><c>kty</c> "EC": P-256 or P-384.</summary>
    EC,

    /// <summary><c>kty</c> "OKP": Ed25519.</summary>
    OKP,

    /// <summary><c>kty</c> "RSA": 2048 to 4096 bits.</summary>
    RSA,
}
