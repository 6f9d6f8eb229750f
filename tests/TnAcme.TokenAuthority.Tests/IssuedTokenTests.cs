using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using TnAcme.Stir;
using TnAcme.Validation.AuthorityToken;

namespace TnAcme.TokenAuthority.Tests;

/// <summary>Granted requests: the token's shape, and TnAcme's own verifier accepting it with x5u fetched from the TA.</summary>
[Collection(TokenAuthorityCollection.Name)]
public sealed class IssuedTokenTests
{
    private readonly TokenAuthorityFixture _fixture;

    public IssuedTokenTests(TokenAuthorityFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_granted_token_passes_the_cas_verifier_with_x5u_fetched_over_https()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        var list = TnAuthList.Create(TnEntry.OfSpc("1234"));
        byte[] thumbprint = RandomNumberGenerator.GetBytes(32);
        using var client = _fixture.NewClient();
        var response = await client.RequestAsync(id, key, list, AtcFingerprint.Format(thumbprint));

        var options = new AuthorityTokenOptions
        {
            TrustAnchors = [_fixture.Authority.RootCertificate],
            AllowedX5uHosts = [$"127.0.0.1:{_fixture.Port}"],
        };
        using var fetcher = new HttpsX5uFetcher(options, new X5uTlsOptions { ExtraTrustRoots = [_fixture.Tls.Root] });
        var verifier = new AuthorityTokenVerifier(options, fetcher);
        using VerifiedAuthorityToken verified = await verifier.VerifyAsync(response.Token, new AuthorityTokenExpectation(list, thumbprint));

        Assert.Equal(list, verified.TnAuthList);
        Assert.False(verified.Ca);
        Assert.Equal(_fixture.Authority.SignerCertificate.Thumbprint, verified.SignerCertificate.Thumbprint);
        Assert.Equal(_fixture.Authority.Urls.Crl, response.Crl);
    }

    [Fact]
    public async Task A_token_from_another_authority_root_is_refused_by_the_verifier()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        var list = TnAuthList.Create(TnEntry.OfSpc("1234"));
        byte[] thumbprint = RandomNumberGenerator.GetBytes(32);
        using var client = _fixture.NewClient();
        var response = await client.RequestAsync(id, key, list, AtcFingerprint.Format(thumbprint));

        // The TLS root is not a token-authority anchor: trusting the HTTPS host must not mean trusting its tokens.
        var options = new AuthorityTokenOptions { TrustAnchors = [_fixture.Tls.Root], AllowedX5uHosts = [$"127.0.0.1:{_fixture.Port}"] };
        using var fetcher = new HttpsX5uFetcher(options, new X5uTlsOptions { ExtraTrustRoots = [_fixture.Tls.Root] });
        var verifier = new AuthorityTokenVerifier(options, fetcher);
        var failure = await Assert.ThrowsAsync<AuthorityTokenException>(() => verifier.VerifyAsync(response.Token, new AuthorityTokenExpectation(list, thumbprint)));
        Assert.Equal(AuthorityTokenCheck.UntrustedSigner, failure.Check);
    }

    [Fact]
    public async Task The_token_has_the_sti_pa_shape()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        string fingerprint = TokenApi.NewFingerprint();
        using HttpClient http = _fixture.NewHttpClient();
        var reply = await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(TnAuthList.Create(TnEntry.OfSpc("1234")), fingerprint));
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("application/json", reply.ContentType);

        var (header, payload) = Decode(reply.Token);
        Assert.Equal("ES256", (string?)header["alg"]);
        Assert.Equal("JWT", (string?)header["typ"]);
        Assert.Equal($"https://127.0.0.1:{_fixture.Port}/ta/cert.pem", (string?)header["x5u"]);
        Assert.Null(header["x5c"]);

        Assert.Equal($"https://127.0.0.1:{_fixture.Port}", (string?)payload["iss"]);
        Assert.True(Guid.TryParse((string?)payload["jti"], out _));
        long iat = (long)payload["iat"]!;
        long exp = (long)payload["exp"]!;
        Assert.InRange(iat, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.Equal(24 * 3600, exp - iat);

        JsonObject atc = payload["atc"]!.AsObject();
        Assert.Equal("TNAuthList", (string?)atc["tktype"]);
        Assert.Equal("MAigBhYEMTIzNA", (string?)atc["tkvalue"]);
        Assert.False((bool)atc["ca"]!);
        Assert.Equal(fingerprint, (string?)atc["fingerprint"]);
        Assert.Equal(_fixture.Authority.Urls.Crl, (string?)reply.Json["crl"]);
    }

    [Fact]
    public async Task Two_tokens_have_different_jti()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        using HttpClient http = _fixture.NewHttpClient();
        var body = TokenApi.Wrapped(TnAuthList.Create(TnEntry.OfSpc("1234")), TokenApi.NewFingerprint());
        var a = await TokenApi.PostAsync(http, id, key, body);
        var b = await TokenApi.PostAsync(http, id, key, body);
        Assert.NotEqual((string?)Decode(a.Token).Payload["jti"], (string?)Decode(b.Token).Payload["jti"]);
    }

    [Fact]
    public async Task The_flat_rfc_9448_body_works_too()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfNumber("12025550100"));
        using HttpClient http = _fixture.NewHttpClient();
        var list = TnAuthList.Create(TnEntry.OfNumber("12025550100"));
        var flat = new JsonObject
        {
            ["tktype"] = "TNAuthList",
            ["tkvalue"] = TnAuthListIdentifier.Encode(list),
            ["ca"] = false,
            ["fingerprint"] = TokenApi.NewFingerprint(),
        };
        var reply = await TokenApi.PostAsync(http, id, key, flat);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(TnAuthListIdentifier.Encode(list), (string?)Decode(reply.Token).Payload["atc"]!["tkvalue"]);
    }

    [Fact]
    public async Task A_padded_standard_base64_tkvalue_and_rfc_9447_spelling_are_accepted_and_reemitted_as_base64url()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        using HttpClient http = _fixture.NewHttpClient();
        var body = TokenApi.Wrapped(TnAuthList.Create(TnEntry.OfSpc("1234")), TokenApi.NewFingerprint(), ca: false, tkvalue: "MAigBhYEMTIzNA==");
        body["atc"]!["tktype"] = "TnAuthList";
        var reply = await TokenApi.PostAsync(http, id, key, body);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        JsonNode atc = Decode(reply.Token).Payload["atc"]!;
        Assert.Equal("MAigBhYEMTIzNA", (string?)atc["tkvalue"]);
        Assert.Equal("TNAuthList", (string?)atc["tktype"]);
    }

    [Fact]
    public async Task A_base64url_fingerprint_is_accepted_and_passed_through()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        using HttpClient http = _fixture.NewHttpClient();
        string fingerprint = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        var reply = await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(TnAuthList.Create(TnEntry.OfSpc("1234")), fingerprint));
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(fingerprint, (string?)Decode(reply.Token).Payload["atc"]!["fingerprint"]);
    }

    [Fact]
    public async Task The_sti_pa_trailing_slash_url_works()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        using HttpClient http = _fixture.NewHttpClient();
        using var content = new StringContent(TokenApi.Wrapped(TnAuthList.Create(TnEntry.OfSpc("1234")), TokenApi.NewFingerprint()).ToJsonString(), Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/at/account/{id}/token/") { Content = content };
        request.Headers.Authorization = new("Bearer", key);
        using HttpResponseMessage response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_delegating_account_gets_ca_true()
    {
        var (id, key) = await _fixture.AccountAsync(true, TnEntry.OfSpc("1234"));
        using HttpClient http = _fixture.NewHttpClient();
        var reply = await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(TnAuthList.Create(TnEntry.OfSpc("1234")), TokenApi.NewFingerprint(), ca: true));
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.True((bool)Decode(reply.Token).Payload["atc"]!["ca"]!);
    }

    [Fact]
    public async Task The_client_reports_the_refusal_reason()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        using var client = _fixture.NewClient();
        var failure = await Assert.ThrowsAsync<TnAcme.TokenAuthority.Http.TokenAuthorityClientException>(() =>
            client.RequestAsync(id, key, TnAuthList.Create(TnEntry.OfSpc("9999")), TokenApi.NewFingerprint()));
        Assert.Equal(403, failure.Status);
        Assert.Contains("spc:9999", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_api_keys_nor_tokens_are_logged()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        using HttpClient http = _fixture.NewHttpClient();
        var reply = await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(TnAuthList.Create(TnEntry.OfSpc("1234")), TokenApi.NewFingerprint()));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        await TokenApi.PostAsync(http, id, key + "x", TokenApi.Wrapped(TnAuthList.Create(TnEntry.OfSpc("1234")), TokenApi.NewFingerprint()));

        string signature = reply.Token.Split('.')[2];
        Assert.Contains(_fixture.Logs.Lines, l => l.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(_fixture.Logs.Lines, l => l.Contains(key[5..], StringComparison.Ordinal) || l.Contains(signature, StringComparison.Ordinal));
    }

    internal static (JsonObject Header, JsonObject Payload) Decode(string jwt)
    {
        string[] parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        return (JsonNode.Parse(Base64Url.Decode(parts[0]))!.AsObject(), JsonNode.Parse(Base64Url.Decode(parts[1]))!.AsObject());
    }
}
