using System.Net;
using System.Text.Json;
using TnAcme.Client.AuthorityTokens;
using TnAcme.Client.Issuance;
using TnAcme.Client.Resources;
using TnAcme.Client.Tests.Support;
using TnAcme.Stir;

namespace TnAcme.Client.Tests;

/// <summary>The token sources: the token authority API contract, commands, and the client's own check of a token's claims.</summary>
[Collection(ServerCollection.Name)]
public sealed class AuthorityTokenSourceTests
{
    private static readonly byte[] Thumbprint = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];
    private readonly ServerFixture _server;

    public AuthorityTokenSourceTests(ServerFixture server) => _server = server;

    private static AuthorityTokenRequest Request(bool ca = false) => new()
    {
        TnAuthList = TnAuthList.Create(TnEntry.OfSpc("1234")),
        AccountThumbprint = Thumbprint,
        Ca = ca,
    };

    [Fact]
    public async Task Token_authority_api_request_has_the_contract_shape()
    {
        string? body = null;
        HttpRequestMessage? seen = null;
        var handler = new FakeHandler((request, content) =>
        {
            seen = request;
            body = content;
            return FakeHandler.Json("""{"token":"h.p.s","crl":"https://sti-pa.example/crl"}""");
        });
        using var source = new TokenAuthorityApiSource(new TokenAuthorityApiOptions
        {
            BaseUrl = new Uri("https://ta.example/api/"),
            AccountId = "carrier 7",
            ApiKey = "s3cret",
            HttpHandler = handler,
        });

        Assert.Equal("h.p.s", await source.GetTokenAsync(Request(ca: true), CancellationToken.None));
        Assert.Equal(HttpMethod.Post, seen!.Method);
        Assert.Equal("https://ta.example/api/at/account/carrier%207/token", seen.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer s3cret", seen.Headers.Authorization!.ToString());
        Assert.Equal("application/json", seen.Content!.Headers.ContentType!.MediaType);
        using JsonDocument json = JsonDocument.Parse(body!);
        JsonElement atc = json.RootElement.GetProperty("atc");
        Assert.Equal("TNAuthList", atc.GetProperty("tktype").GetString());
        Assert.Equal("MAigBhYEMTIzNA", atc.GetProperty("tkvalue").GetString());
        Assert.True(atc.GetProperty("ca").GetBoolean());
        Assert.Equal(AccountFingerprint.Format(Thumbprint), atc.GetProperty("fingerprint").GetString());
        Assert.StartsWith("SHA256 00:07:0E:", atc.GetProperty("fingerprint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_authority_refusals_are_authority_token_errors_with_the_reason()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json("""{"type":"about:blank","title":"Forbidden","detail":"SPC 1234 is not yours","status":403}""", HttpStatusCode.Forbidden, "application/problem+json"));
        using var source = new TokenAuthorityApiSource(new TokenAuthorityApiOptions { BaseUrl = new Uri("https://ta.example"), AccountId = "7", ApiKey = "k", HttpHandler = handler });
        var refused = await Assert.ThrowsAsync<AuthorityTokenException>(() => source.GetTokenAsync(Request(), CancellationToken.None));
        Assert.Equal(403, refused.HttpStatus);
        Assert.Contains("SPC 1234 is not yours", refused.Message, StringComparison.Ordinal);

        var noToken = new FakeHandler((_, _) => FakeHandler.Json("""{"jwt":"x"}"""));
        using var odd = new TokenAuthorityApiSource(new TokenAuthorityApiOptions { BaseUrl = new Uri("https://ta.example"), AccountId = "7", ApiKey = "k", HttpHandler = noToken });
        await Assert.ThrowsAsync<AuthorityTokenException>(() => odd.GetTokenAsync(Request(), CancellationToken.None));

        Assert.Throws<ArgumentException>(() => new TokenAuthorityApiSource(new TokenAuthorityApiOptions { BaseUrl = new Uri("http://ta.example"), AccountId = "7", ApiKey = "k" }));
    }

    [Fact]
    public async Task Issuance_with_a_token_from_the_token_authority_api()
    {
        await using TokenAuthorityApi ta = await TokenAuthorityApi.StartAsync(_server.TokenAuthority, "carrier-9", "api-key-9");
        using AcmeClient client = await _server.ConnectAsync();
        var (account, key) = await _server.RegisterAsync(client);
        using (key)
        {
            using var source = new TokenAuthorityApiSource(new TokenAuthorityApiOptions { BaseUrl = ta.BaseUrl, AccountId = "carrier-9", ApiKey = "api-key-9" });
            var request = new CertificateOrderRequest { TnAuthList = TnAuthList.Create(TnEntry.OfSpc("3101")), Organization = "Example Carrier" };
            IssuedCertificate issued = await account.IssueAsync(request, source);
            Assert.Equal(AcmeStatus.Valid, issued.Order.Status);
            JsonElement atc = Assert.Single(ta.Requests).GetProperty("atc");
            Assert.Equal(account.Fingerprint, atc.GetProperty("fingerprint").GetString());
            Assert.Equal(request.IdentifierValue, atc.GetProperty("tkvalue").GetString());

            using var wrongKey = new TokenAuthorityApiSource(new TokenAuthorityApiOptions { BaseUrl = ta.BaseUrl, AccountId = "carrier-9", ApiKey = "nope" });
            var refused = await Assert.ThrowsAsync<AuthorityTokenException>(() => account.IssueAsync(request with { TnAuthList = TnAuthList.Create(TnEntry.OfSpc("3102")) }, wrongKey));
            Assert.Equal(403, refused.HttpStatus);
        }
    }

    [Fact]
    public async Task Commands_that_fail_hang_or_print_nothing_are_refused()
    {
        var silent = await Assert.ThrowsAsync<AuthorityTokenException>(() => new CommandAuthorityTokenSource("true").GetTokenAsync(Request(), CancellationToken.None));
        Assert.Contains("printed nothing", silent.Message, StringComparison.Ordinal);

        var hanging = await Assert.ThrowsAsync<AuthorityTokenException>(() => new CommandAuthorityTokenSource("sleep 30", TimeSpan.FromMilliseconds(300)).GetTokenAsync(Request(), CancellationToken.None));
        Assert.Contains("did not finish", hanging.Message, StringComparison.Ordinal);

        Assert.Equal("a.b.c", await new CommandAuthorityTokenSource("echo '  a.b.c  '").GetTokenAsync(Request(), CancellationToken.None));
        Assert.Equal("true", await new CommandAuthorityTokenSource("printf %s \"$TNACME_CA\"").GetTokenAsync(Request(ca: true), CancellationToken.None));
    }

    [Fact]
    public void Claims_check_catches_expired_tokens_and_missing_ca_permission()
    {
        string Token(DateTimeOffset exp, bool ca) => _server.TokenAuthority.Mint(Request().TnAuthList, Thumbprint, ca: ca, exp: exp);
        DateTimeOffset now = DateTimeOffset.UtcNow;

        AuthorityTokenClaims good = AuthorityTokenClaims.Parse(Token(now.AddHours(1), ca: false));
        good.EnsureAnswers(Request(), now);
        Assert.Equal("spc:1234", good.TnAuthList!.ToString());
        Assert.Throws<AuthorityTokenException>(() => good.EnsureAnswers(Request(ca: true), now));
        AuthorityTokenClaims.Parse(Token(now.AddHours(1), ca: true)).EnsureAnswers(Request(ca: true), now);

        var expired = Assert.Throws<AuthorityTokenException>(() => AuthorityTokenClaims.Parse(Token(now.AddMinutes(-1), ca: false)).EnsureAnswers(Request(), now));
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);

        // The base64url thumbprint form of the fingerprint is accepted too.
        Assert.True(AccountFingerprint.Matches(Base64Url.Encode(Thumbprint), Thumbprint));
        Assert.True(AccountFingerprint.Matches(AccountFingerprint.Format(Thumbprint).ToLowerInvariant(), Thumbprint));
        Assert.False(AccountFingerprint.Matches(AccountFingerprint.Format(new byte[32]), Thumbprint));
    }
}
