using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>Configuration of Authority Token verification and of the <c>x5u</c> fetcher.</summary>
public sealed class AuthorityTokenOptions
{
    /// <summary>Token-authority roots (e.g. the STI-PA root). Several may be trusted. Read once by the verifier's constructor.</summary>
    public X509Certificate2Collection TrustAnchors { get; init; } = new();

    /// <summary>Allowance for clocks on <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>When true (the default) a <c>jti</c> is accepted once per signer key; a replay fails <see cref="AuthorityTokenCheck.Replayed"/>.</summary>
    public bool RequireSingleUseJti { get; init; } = true;

    /// <summary>
    /// <c>host:port</c> entries (<c>[::1]:8443</c> for IPv6) the SSRF guard lets through even when they resolve to
    /// loopback, private, link-local or other non-public addresses. Empty by default.
    /// </summary>
    public IReadOnlyCollection<string> AllowedX5uHosts { get; init; } = [];

    /// <summary>Whole-request limit for an <c>x5u</c> fetch (connect, TLS, headers, body).</summary>
    public TimeSpan X5uTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest <c>x5u</c> body accepted, counted while reading.</summary>
    public int X5uMaxBytes { get; init; } = 64 * 1024;

    /// <summary>How long a fetched <c>x5u</c> chain is reused. Zero disables the cache.</summary>
    public TimeSpan X5uCacheTtl { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Bound on cached <c>x5u</c> URLs; the entries expiring first are evicted.</summary>
    public int X5uCacheMaxEntries { get; init; } = 256;

    /// <summary>Check revocation of the signer chain (online CRL/OCSP). Off by default.</summary>
    public bool CheckRevocation { get; init; }

    /// <summary>Longest compact token accepted, in characters.</summary>
    public int MaxTokenLength { get; init; } = 64 * 1024;

    /// <summary>Most certificates accepted in an <c>x5c</c> array or an <c>x5u</c> body.</summary>
    public int MaxCertificates { get; init; } = 8;

    /// <summary>Throws <see cref="ArgumentException"/> for an unusable configuration.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(TrustAnchors);
        ArgumentNullException.ThrowIfNull(AllowedX5uHosts);
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromHours(1))
        {
            throw new ArgumentException("ClockSkew must be between 0 and 1 hour", nameof(ClockSkew));
        }

        if (X5uTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("X5uTimeout must be positive", nameof(X5uTimeout));
        }

        if (X5uMaxBytes <= 0)
        {
            throw new ArgumentException("X5uMaxBytes must be positive", nameof(X5uMaxBytes));
        }

        if (X5uCacheTtl < TimeSpan.Zero)
        {
            throw new ArgumentException("X5uCacheTtl must not be negative", nameof(X5uCacheTtl));
        }

        if (X5uCacheMaxEntries <= 0)
        {
            throw new ArgumentException("X5uCacheMaxEntries must be positive", nameof(X5uCacheMaxEntries));
        }

        if (MaxTokenLength <= 0 || MaxCertificates <= 0)
        {
            throw new ArgumentException("MaxTokenLength and MaxCertificates must be positive");
        }

        foreach (string entry in AllowedX5uHosts)
        {
            _ = HostPort.ParseAllowListEntry(entry);
        }
    }
}
