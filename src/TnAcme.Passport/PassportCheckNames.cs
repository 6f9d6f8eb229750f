namespace TnAcme.Passport;

/// <summary>The names of the checks <see cref="PassportVerifier"/> reports, in the order it runs them.</summary>
public static class PassportCheckNames
{
    /// <summary>Compact JWS with base64url JSON header and payload.</summary>
    public const string Format = "format";

    /// <summary>RFC 8224 §4.1 parameters: info names the x5u; alg and ppt agree with the PASSporT.</summary>
    public const string IdentityHeader = "identity-header";

    /// <summary>RFC 8225 §4: typ is "passport".</summary>
    public const string Typ = "typ";

    /// <summary>alg is ES256 (the only algorithm accepted).</summary>
    public const string Alg = "alg";

    /// <summary>RFC 8225 §8.1: an unsupported ppt fails.</summary>
    public const string Ppt = "ppt";

    /// <summary>RFC 8225 §5 baseline claims (and RFC 8588 attest and origid for "shaken") are present and well formed.</summary>
    public const string Claims = "claims";

    /// <summary>The ES256 signature verifies with the certificate's P-256 key.</summary>
    public const string Signature = "signature";

    /// <summary>The certificate chains to a trust anchor, is valid now, and may sign (end entity, digitalSignature).</summary>
    public const string CertificateChain = "certificate-chain";

    /// <summary>iat is within the allowed age (RFC 8224 §6.2: sixty seconds recommended).</summary>
    public const string Freshness = "freshness";

    /// <summary>orig.tn lies in the certificate's TNAuthList and in every CA TNAuthList above it (RFC 8226 §9).</summary>
    public const string Orig = "orig";

    /// <summary>The certificate's JWTClaimConstraints / EnhancedJWTClaimConstraints hold (RFC 8226 §8, RFC 9118).</summary>
    public const string ClaimConstraints = "claim-constraints";
}
