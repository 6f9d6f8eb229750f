using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Client.AuthorityTokens;

/// <summary>How to reach a token authority's HTTPS API (RFC 9447 §5.1, RFC 9448 §5.5) and who the client is there.</summary>
public sealed record TokenAuthorityApiOptions
{
    /// <summary>The token authority's base URL; the API is <c>{BaseUrl}/at/account/{AccountId}/token</c>.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The client's account at the token authority (the <c>:id</c> of the path).</summary>
    public required string AccountId { get; init; }

    /// <summary>The API key, sent as <c>Authorization: Bearer</c>.</summary>
    public required string ApiKey { get; init; }

    public IReadOnlyList<X509Certificate2> ExtraTrustedRoots { get; init; } = [];

    public string UserAgent { get; init; } = AcmeClientOptions.DefaultUserAgent;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A handler of the caller's (tests); not disposed by the source.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}
