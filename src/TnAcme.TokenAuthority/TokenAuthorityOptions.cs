namespace TnAcme.TokenAuthority;

/// <summary>How a <see cref="TokenAuthority"/> runs: where its state lives and the URL its clients and CAs see.</summary>
public sealed record TokenAuthorityOptions
{
    /// <summary>The state folder (keys, grants); by convention <c>&lt;data-dir&gt;/ta</c>.</summary>
    public required string Directory { get; init; }

    /// <summary>
    /// Absolute HTTPS base URL the endpoints are reached at (e.g. https://127.0.0.1:8443/sti-pa). The token's
    /// <c>iss</c> and <c>x5u</c> are built from it, so it must be what a CA can fetch, not merely what Kestrel binds.
    /// </summary>
    public required Uri BaseUri { get; init; }

    /// <summary>Token freshness (RFC 9447 §3.1 leaves it to the profile); the STI-PA's are a day.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Names the generated root and signer certificates.</summary>
    public string Name { get; init; } = "TnAcme Development STI-PA";

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static string DefaultDirectory(string dataDirectory) => Path.Combine(dataDirectory, "ta");

    /// <summary>Throws <see cref="ArgumentException"/> for an unusable configuration.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Directory);
        if (!BaseUri.IsAbsoluteUri || BaseUri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(BaseUri.Query) || !string.IsNullOrEmpty(BaseUri.Fragment))
        {
            // RFC 9447 §7: the token API and the x5u a CA fetches must be HTTPS.
            throw new ArgumentException($"the token authority's base URL must be an absolute https:// URL without query or fragment, not '{BaseUri}'", nameof(BaseUri));
        }

        if (TokenLifetime <= TimeSpan.Zero || TokenLifetime > TimeSpan.FromDays(365))
        {
            throw new ArgumentException("TokenLifetime must be positive and at most a year", nameof(TokenLifetime));
        }
    }
}
