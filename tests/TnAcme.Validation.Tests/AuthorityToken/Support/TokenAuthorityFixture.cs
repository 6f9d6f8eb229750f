using System.Security.Cryptography.X509Certificates;
using TnAcme.Validation.AuthorityToken;

namespace TnAcme.Validation.Tests.AuthorityToken.Support;

/// <summary>One trusted token authority, one untrusted, and the HTTPS server that publishes their x5u chains.</summary>
public sealed class TokenAuthorityFixture : IAsyncLifetime
{
    internal TestTokenAuthority Authority { get; } = new("Test STI-PA");

    internal TestTokenAuthority Rogue { get; } = new("Rogue");

    internal X5uTestServer Server { get; } = new();

    internal Uri ChainUrl => Server.Url("/chain.pem");

    public Task InitializeAsync()
    {
        Server.Map("/chain.pem", Authority.ChainPem);
        Server.Map("/rogue.pem", Rogue.ChainPem);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Authority.Dispose();
        Rogue.Dispose();
    }

    /// <summary>Trusts <see cref="Authority"/>'s root and lets the SSRF guard through to the test server only.</summary>
    internal AuthorityTokenOptions Options(
        bool allowServer = true,
        bool singleUse = true,
        TimeSpan? x5uTimeout = null,
        TimeSpan? cacheTtl = null,
        IReadOnlyCollection<string>? allowedHosts = null) => new()
        {
            TrustAnchors = new X509Certificate2Collection(Authority.PublicRoot()),
            AllowedX5uHosts = allowedHosts ?? (allowServer ? [Server.HostPort] : []),
            RequireSingleUseJti = singleUse,
            X5uTimeout = x5uTimeout ?? TimeSpan.FromSeconds(5),
            X5uCacheTtl = cacheTtl ?? TimeSpan.FromMinutes(10),
        };

    /// <summary>A fetcher that trusts the test server's self-signed TLS certificate (host name still checked).</summary>
    internal HttpsX5uFetcher Fetcher(AuthorityTokenOptions options, TimeProvider? time = null) =>
        new(options, new X5uTlsOptions { ExtraTrustRoots = new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(Server.TlsCertificate.RawData)) }, time);
}
