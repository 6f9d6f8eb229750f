using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TnAcme.Validation.AuthorityToken;
using TnAcme.Validation.Tests.AuthorityToken.Support;

namespace TnAcme.Validation.Tests.AuthorityToken;

/// <summary>x5u over real HTTPS: the SSRF guard, redirects, limits, TLS trust and the cache.</summary>
public sealed class X5uFetchTests(TokenAuthorityFixture fx) : IClassFixture<TokenAuthorityFixture>, IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose() => _owned.ForEach(d => d.Dispose());

    [Fact]
    public async Task Unreachable_x5u_on_a_closed_port_fails_X5u()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        AuthorityTokenOptions options = fx.Options(allowedHosts: [$"127.0.0.1:{closedPort}"]);
        AuthorityTokenException ex = await FailsAsync(new Uri($"https://127.0.0.1:{closedPort}/chain.pem"), options);
        Assert.Equal(AuthorityTokenCheck.X5u, ex.Check);
        Assert.Contains("connection", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_x5u_fails_X5u_in_the_verifier_and_in_the_fetcher()
    {
        var url = new Uri($"http://127.0.0.1:{fx.Server.Port}/chain.pem");
        AuthorityTokenException ex = await FailsAsync(url);
        Assert.Equal(AuthorityTokenCheck.X5u, ex.Check);
        Assert.Contains("not an HTTPS URL", ex.Detail, StringComparison.Ordinal);

        using HttpsX5uFetcher fetcher = fx.Fetcher(fx.Options());
        ex = await Assert.ThrowsAsync<AuthorityTokenException>(() => fetcher.FetchAsync(url, CancellationToken.None));
        Assert.Equal(AuthorityTokenCheck.X5u, ex.Check);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Loopback_x5u_without_allow_listing_is_refused_by_the_SSRF_guard(string host)
    {
        string path = Route(fx.Authority.ChainPem);
        AuthorityTokenException ex = await FailsAsync(new Uri($"https://{host}:{fx.Server.Port}{path}"), fx.Options(allowServer: false));
        Assert.Equal(AuthorityTokenCheck.X5u, ex.Check);
        Assert.Contains("SSRF guard", ex.Detail, StringComparison.Ordinal);
        Assert.Contains("loopback", ex.Detail, StringComparison.Ordinal);
        Assert.Equal(0, fx.Server.Requests(path));
    }

    [Fact]
    public async Task Redirect_fails_X5u_and_is_not_followed()
    {
        string target = Route(fx.Authority.ChainPem);
        string path = "/redirect-" + Guid.NewGuid().ToString("N");
        fx.Server.Map(path, [], 302, null, headers: new Dictionary<string, string> { ["Location"] = fx.Server.Url(target).AbsoluteUri });

        AuthorityTokenException ex = await FailsAsync(fx.Server.Url(path));
        Assert.Equal(AuthorityTokenCheck.X5u, ex.Check);
        Assert.Contains("redirect (HTTP 302)", ex.Detail, StringComparison.Ordinal);
        Assert.Equal(1, fx.Server.Requests(path));
        Assert.Equal(0, fx.Server.Requests(target));
    }

    [Fact]
    public async Task Body_over_the_limit_without_Content_Length_fails_X5u_while_reading()
    {
        string pem = fx.Authority.ChainPem;
        var big = new StringBuilder(pem);
        while (big.Length <= 70 * 1024)
        {
            big.Append(pem);
        }

        string path = "/big-" + Guid.NewGuid().ToString("N");
        fx.Server.Map(path, Encoding.ASCII.GetBytes(big.ToString()), sendContentLength: false);
        AuthorityTokenException ex = await FailsAsync(fx.Server.Url(path));
        Assert.Equal(AuthorityTokenCheck.X5u, ex.Check);
        Assert.Contains("more than 65536 bytes", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Announced_Content_Length_over_the_limit_fails_X5u()
    {
        string path = "/announced-" + Guid.NewGuid().ToString("N");
        fx.Server.Map(path, new byte[100 * 1024]);
        AuthorityTokenException ex = await FailsAsync(fx.Server.Url(path));
        Assert.Equal(AuthorityTokenCheck.X5u, ex.Check);
        Assert.Contains("announces", ex.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, "answered HTTP 404")]
    [InlineData(200, "did not serve a certificate chain")]
    public async Task Error_status_or_garbage_body_fails_X5u(int status, string detail)
    {
        string path = "/bad-" + Guid.NewGuid().ToString("N");
        fx.Server.Map(path, "this is not a certificate", status, "text/plain");
        AuthorityTokenException ex = await FailsAsync(fx.Server.Url(path));
        Assert.Equal(AuthorityTokenCheck.X5u, ex.Check);
        Assert.Contains(detail, ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pem_with_a_private_key_block_fails_X5u()
    {
        string path = Route(fx.Authority.ChainPem + fx.Authority.SignerKey.ExportPkcs8PrivateKeyPem());
        AuthorityTokenException ex = await FailsAsync(fx.Server.Url(path));
        Assert.Equal(AuthorityTokenCheck.X5u, ex.Check);
        Assert.Contains("PRIVATE KEY", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Der_body_with_the_signer_certificate_verifies()
    {
        string path = "/der-" + Guid.NewGuid().ToString("N");
        fx.Server.Map(path, fx.Authority.Signer.RawData, contentType: "application/pkix-cert");
        using VerifiedAuthorityToken token = await Verifier(fx.Options()).VerifyAsync(Mint(fx.Server.Url(path)), TokenMinter.Expectation());
        Assert.Equal(fx.Authority.Signer.Thumbprint, token.SignerCertificate.Thumbprint);
    }

    [Fact]
    public async Task Slow_x5u_fails_X5u_after_the_timeout()
    {
        string path = "/slow-" + Guid.NewGuid().ToString("N");
        fx.Server.Map(path, Encoding.ASCII.GetBytes(fx.Authority.ChainPem), delay: TimeSpan.FromSeconds(10));
        AuthorityTokenException ex = await FailsAsync(fx.Server.Url(path), fx.Options(x5uTimeout: TimeSpan.FromMilliseconds(500)));
        Assert.Equal(AuthorityTokenCheck.X5u, ex.Check);
        Assert.Contains("did not answer within 0.5 s", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Untrusted_TLS_certificate_fails_X5u_with_default_TLS_validation()
    {
        AuthorityTokenOptions options = fx.Options();
        using var fetcher = new HttpsX5uFetcher(options);
        AuthorityTokenException ex = await Assert.ThrowsAsync<AuthorityTokenException>(
            () => new AuthorityTokenVerifier(options, fetcher).VerifyAsync(Mint(fx.Server.Url(Route(fx.Authority.ChainPem))), TokenMinter.Expectation()));
        Assert.Equal(AuthorityTokenCheck.X5u, ex.Check);
        Assert.Contains("TLS", ex.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://user:pw@127.0.0.1:{0}/chain.pem", "user information")]
    [InlineData("https://127.0.0.1:{0}/chain.pem#frag", "fragment")]
    public async Task Userinfo_or_fragment_in_x5u_fails_X5u(string template, string detail)
    {
        var url = new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, fx.Server.Port));
        using HttpsX5uFetcher fetcher = fx.Fetcher(fx.Options());
        AuthorityTokenException ex = await Assert.ThrowsAsync<AuthorityTokenException>(() => fetcher.FetchAsync(url, CancellationToken.None));
        Assert.Equal(AuthorityTokenCheck.X5u, ex.Check);
        Assert.Contains(detail, ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cache_avoids_a_second_fetch_until_the_TTL_passes()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        AuthorityTokenOptions options = fx.Options(cacheTtl: TimeSpan.FromMinutes(10));
        using HttpsX5uFetcher fetcher = fx.Fetcher(options, time);
        var verifier = new AuthorityTokenVerifier(options, fetcher, timeProvider: time);
        string path = Route(fx.Authority.ChainPem);
        Uri url = fx.Server.Url(path);

        (await verifier.VerifyAsync(Mint(url), TokenMinter.Expectation())).Dispose();
        (await verifier.VerifyAsync(Mint(url), TokenMinter.Expectation())).Dispose();
        Assert.Equal(1, fx.Server.Requests(path));

        time.Now += TimeSpan.FromMinutes(11);
        System.Text.Json.Nodes.JsonObject payload = TokenMinter.Payload();
        payload["exp"] = time.Now.AddMinutes(5).ToUnixTimeSeconds();
        (await verifier.VerifyAsync(TokenMinter.Sign(TokenMinter.Header(url), payload, fx.Authority.SignerKey), TokenMinter.Expectation())).Dispose();
        Assert.Equal(2, fx.Server.Requests(path));
    }

    [Fact]
    public async Task Fetched_chain_is_the_DER_of_each_certificate_signer_first_and_cached()
    {
        using HttpsX5uFetcher fetcher = fx.Fetcher(fx.Options());
        Uri url = fx.Server.Url(Route(fx.Authority.ChainPem));
        IReadOnlyList<byte[]> first = await fetcher.FetchAsync(url, CancellationToken.None);
        Assert.Equal(2, first.Count);
        Assert.Equal(fx.Authority.Signer.RawData, first[0]);
        Assert.Equal(fx.Authority.Root.RawData, first[1]);

        IReadOnlyList<byte[]> second = await fetcher.FetchAsync(url, CancellationToken.None);
        Assert.Same(first[0], second[0]);
    }

    [Fact]
    public async Task Caller_cancellation_propagates_as_cancellation()
    {
        using HttpsX5uFetcher fetcher = fx.Fetcher(fx.Options());
        string path = "/hang-" + Guid.NewGuid().ToString("N");
        fx.Server.Map(path, Encoding.ASCII.GetBytes(fx.Authority.ChainPem), delay: TimeSpan.FromSeconds(10));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(fx.Server.Url(path), cts.Token));
    }

    private string Route(string body)
    {
        string path = "/chain-" + Guid.NewGuid().ToString("N") + ".pem";
        fx.Server.Map(path, body);
        return path;
    }

    private string Mint(Uri x5u) => TokenMinter.Sign(TokenMinter.Header(x5u), TokenMinter.Payload(), fx.Authority.SignerKey);

    private AuthorityTokenVerifier Verifier(AuthorityTokenOptions options)
    {
        HttpsX5uFetcher fetcher = fx.Fetcher(options);
        _owned.Add(fetcher);
        return new AuthorityTokenVerifier(options, fetcher);
    }

    private async Task<AuthorityTokenException> FailsAsync(Uri x5u, AuthorityTokenOptions? options = null) =>
        await Assert.ThrowsAsync<AuthorityTokenException>(() => Verifier(options ?? fx.Options()).VerifyAsync(Mint(x5u), TokenMinter.Expectation()));
}
