using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Passport;

public sealed record PassportVerificationOptions
{
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(60);

    /// <summary>The roots a certificate must chain to (X509Chain custom root trust; the system store is never used).</summary>
    public required X509Certificate2Collection TrustAnchors { get; init; }

    /// <summary>How far <c>iat</c> may lie from now, either way; null turns the freshness check off (offline checks, tests).</summary>
    public TimeSpan? MaxAge { get; init; } = DefaultMaxAge;

    /// <summary>ppt values understood; a PASSporT with any other ppt fails (RFC 8225 §8.1). No ppt is always accepted.</summary>
    public IReadOnlySet<string> SupportedPpts { get; init; } = new HashSet<string>(StringComparer.Ordinal) { PassportSigner.ShakenPpt };

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
