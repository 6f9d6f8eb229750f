using System.Net;
using TnAcme.Stir;

namespace TnAcme.TokenAuthority.Tests;

/// <summary>Every refusal of RFC 9448 §5.5, over real HTTPS.</summary>
[Collection(TokenAuthorityCollection.Name)]
public sealed class TokenRefusalTests
{
    private static readonly TnAuthList Spc1234 = TnAuthList.Create(TnEntry.OfSpc("1234"));
    private readonly TokenAuthorityFixture _fixture;

    public TokenRefusalTests(TokenAuthorityFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Wrong_api_key_is_403()
    {
        var (id, _) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        using HttpClient http = _fixture.NewHttpClient();
        var reply = await TokenApi.PostAsync(http, id, "tnta_" + new string('A', 43), TokenApi.Wrapped(Spc1234, TokenApi.NewFingerprint()));
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal("application/problem+json", reply.ContentType);
    }

    [Fact]
    public async Task Missing_api_key_is_403()
    {
        var (id, _) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        using HttpClient http = _fixture.NewHttpClient();
        var reply = await TokenApi.PostAsync(http, id, null, TokenApi.Wrapped(Spc1234, TokenApi.NewFingerprint()));
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
    }

    [Fact]
    public async Task Unknown_account_is_403_with_the_same_answer_as_a_wrong_key()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        using HttpClient http = _fixture.NewHttpClient();
        var body = TokenApi.Wrapped(Spc1234, TokenApi.NewFingerprint());
        var unknown = await TokenApi.PostAsync(http, "no-such-account", key, body);
        var wrongKey = await TokenApi.PostAsync(http, id, "tnta_wrong", body);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.Status);

        // RFC 9448 §5.5 puts both under one MUST 403; the answer must not tell which ids exist.
        Assert.Equal(wrongKey.Body, unknown.Body);
    }

    [Fact]
    public async Task Numbers_not_granted_are_403()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfRange("12025550100", 100));
        using HttpClient http = _fixture.NewHttpClient();
        var list = TnAuthList.Create(TnEntry.OfNumber("12025550150"), TnEntry.OfNumber("12025550200"));
        var reply = await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(list, TokenApi.NewFingerprint()));
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Contains("tn:12025550200", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("tn:12025550150", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_range_reaching_past_the_grant_is_403()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfRange("12025550100", 100));
        using HttpClient http = _fixture.NewHttpClient();
        var list = TnAuthList.Create(TnEntry.OfRange("12025550150", 51));
        var reply = await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(list, TokenApi.NewFingerprint()));
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
    }

    [Fact]
    public async Task An_spc_grant_covers_only_that_spc()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        using HttpClient http = _fixture.NewHttpClient();
        foreach (TnAuthList other in new[] { TnAuthList.Create(TnEntry.OfSpc("5678")), TnAuthList.Create(TnEntry.OfNumber("12025550100")) })
        {
            var reply = await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(other, TokenApi.NewFingerprint()));
            Assert.True(reply.Status == HttpStatusCode.Forbidden, reply.ToString());
        }
    }

    [Fact]
    public async Task Ca_true_without_delegation_is_403()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        using HttpClient http = _fixture.NewHttpClient();
        var reply = await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(Spc1234, TokenApi.NewFingerprint(), ca: true));
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Contains("delegate", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ca_true_needs_delegation_on_every_requested_grant()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        await _fixture.Admin.GrantAsync(id, [TnEntry.OfRange("12025550100", 100)], mayDelegate: true);
        using HttpClient http = _fixture.NewHttpClient();
        var delegable = TnAuthList.Create(TnEntry.OfRange("12025550100", 10));
        var ok = await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(delegable, TokenApi.NewFingerprint(), ca: true));
        Assert.True(ok.Status == HttpStatusCode.OK, ok.ToString());

        var mixed = TnAuthList.Create(TnEntry.OfSpc("1234"), TnEntry.OfRange("12025550100", 10));
        var refused = await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(mixed, TokenApi.NewFingerprint(), ca: true));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"atc\":\"x\"}")]
    [InlineData("{\"atc\":{\"tkvalue\":\"MAigBhYEMTIzNA\",\"fingerprint\":\"FP\"}}")]
    [InlineData("{\"atc\":{\"tktype\":\"TNAuthList\",\"fingerprint\":\"FP\"}}")]
    [InlineData("{\"atc\":{\"tktype\":\"TNAuthList\",\"tkvalue\":\"MAigBhYEMTIzNA\"}}")]
    [InlineData("{\"atc\":{\"tktype\":\"dns\",\"tkvalue\":\"MAigBhYEMTIzNA\",\"fingerprint\":\"FP\"}}")]
    [InlineData("{\"atc\":{\"tktype\":\"TNAuthList\",\"tkvalue\":\"not base64!\",\"fingerprint\":\"FP\"}}")]
    [InlineData("{\"atc\":{\"tktype\":\"TNAuthList\",\"tkvalue\":\"AAAA\",\"fingerprint\":\"FP\"}}")]
    [InlineData("{\"atc\":{\"tktype\":\"TNAuthList\",\"tkvalue\":\"MAigBhYEMTIzNA\",\"fingerprint\":\"SHA1 AA:BB\"}}")]
    [InlineData("{\"atc\":{\"tktype\":\"TNAuthList\",\"tkvalue\":\"MAigBhYEMTIzNA\",\"fingerprint\":\"c2hvcnQ\"}}")]
    [InlineData("{\"atc\":{\"tktype\":\"TNAuthList\",\"tkvalue\":\"MAigBhYEMTIzNA\",\"fingerprint\":\"FP\",\"ca\":\"false\"}}")]
    [InlineData("{\"atc\":{\"tktype\":\"TNAuthList\",\"tkvalue\":\"MAigBhYEMTIzNA\",\"fingerprint\":\"FP\",\"ca\":true},\"ca\":false}")]
    [InlineData("{\"tktype\":\"TNAuthList\",\"tkvalue\":\"MAigBhYEMTIzNA\",\"tkvalue\":\"MAigBhYEMTIzNA\",\"fingerprint\":\"FP\"}")]
    public async Task Malformed_request_is_400_with_a_json_reason(string body)
    {
        var (id, key) = await _fixture.AccountAsync(true, TnEntry.OfSpc("1234"));
        using HttpClient http = _fixture.NewHttpClient();
        var reply = await TokenApi.PostAsync(http, id, key, body.Replace("\"FP\"", "\"" + TokenApi.NewFingerprint() + "\"", StringComparison.Ordinal));
        Assert.True(reply.Status == HttpStatusCode.BadRequest, reply.ToString());
        Assert.Equal("application/problem+json", reply.ContentType);
        Assert.False(string.IsNullOrEmpty((string?)reply.Json["detail"]));
    }

    [Fact]
    public async Task A_malformed_request_without_credentials_is_403_not_400()
    {
        var (id, _) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        using HttpClient http = _fixture.NewHttpClient();
        var reply = await TokenApi.PostAsync(http, id, null, "not json");
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
    }

    [Fact]
    public async Task A_body_that_is_not_json_by_type_is_415()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        using HttpClient http = _fixture.NewHttpClient();
        var reply = await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(Spc1234, TokenApi.NewFingerprint()).ToJsonString(), "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.Status);
    }
}
