namespace TnAcme.TokenAuthority;

/// <summary>What a token request came to; the HTTP layer maps it onto a status code.</summary>
public abstract record TokenOutcome;

/// <summary>200: the token, and the CRL URL of the token-signing certificates (the STI-PA answers with both).</summary>
public sealed record TokenIssued(string Token, string Jti, DateTimeOffset ExpiresAt, string CrlUrl) : TokenOutcome;

/// <summary>A refusal with a reason safe to show the requester (it never says whether an account id exists).</summary>
public sealed record TokenRefused(TokenRefusal Reason, string Detail) : TokenOutcome;

public enum TokenRefusal
{
    /// <summary>403: missing or wrong API key, or unknown account id (one answer for both, RFC 9448 §5.5).</summary>
    BadCredentials,

    /// <summary>403: the TNAuthList names something the account was not granted (RFC 9448 §5.5 TA duty).</summary>
    NotGranted,

    /// <summary>403: ca: true for entries the account may not delegate.</summary>
    DelegationNotAllowed,

    /// <summary>400: the body is not a token request.</summary>
    Malformed,

    /// <summary>503: the signing certificate has expired; the operator must restart or renew it.</summary>
    SignerExpired,
}
