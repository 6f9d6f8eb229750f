using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TnAcme.Acme.Jose;
using TnAcme.Stir;

namespace TnAcme.Server.Tests;

/// <summary>A negative test for every JWS rule of RFC 8555 §6.2–§6.5.</summary>
/// <summary>Part of the integration suite every storage backend runs (<see cref="StorageBackends"/>).</summary>
public abstract class RequestAuthenticationTests
{
    private readonly ServerFixture _fixture;

    protected RequestAuthenticationTests(ServerFixture fixture) => _fixture = fixture;

    private static void AssertProblem(AcmeReply reply, HttpStatusCode status, string type)
    {
        Assert.True(reply.Status == status && reply.ProblemType == "urn:ietf:params:acme:error:" + type, reply.ToString());
        Assert.NotNull(reply.Nonce);
        Assert.Equal((int)status, (int)reply.Json["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)reply.Json["detail"]));
    }

    private static string Raw(string protectedJson, string payload, string signature = "c2ln") =>
        new JsonObject
        {
            ["protected"] = Base64Url.Encode(Encoding.UTF8.GetBytes(protectedJson)),
            ["payload"] = payload,
            ["signature"] = signature,
        }.ToJsonString();

    [Fact]
    public async Task Wrong_content_type_gets_415()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        string nonce = await flow.Client.NonceAsync();
        string body = flow.Client.Key.Sign("{}"u8, flow.Client.Url("newOrder"), nonce, flow.Client.AccountUrl);
        AssertProblem(await flow.Client.PostRawAsync(flow.Client.Url("newOrder"), body, "application/json"), HttpStatusCode.UnsupportedMediaType, "malformed");
    }

    [Fact]
    public async Task Nonces_are_single_use_and_a_bad_one_gets_a_fresh_one()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        string nonce = await flow.Client.NonceAsync();
        AcmeReply first = await flow.Client.PostAsync(flow.Client.AccountUrl!, null, nonce: nonce);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        AcmeReply replay = await flow.Client.PostAsync(flow.Client.AccountUrl!, null, nonce: nonce);
        AssertProblem(replay, HttpStatusCode.BadRequest, "badNonce");
        AssertProblem(await flow.Client.PostAsync(flow.Client.AccountUrl!, null, nonce: "bm90LWEtbm9uY2U"), HttpStatusCode.BadRequest, "badNonce");

        // The fresh nonce of the badNonce response is accepted on retry.
        AcmeReply retry = await flow.Client.PostAsync(flow.Client.AccountUrl!, null, nonce: replay.Nonce);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
    }

    [Fact]
    public async Task Url_must_match_the_request()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        AssertProblem(await flow.Client.PostAsync(flow.Client.AccountUrl!, null, signedUrl: flow.Client.Url("newOrder")), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Jwk_and_kid_are_each_only_where_they_belong()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        var order = new JsonObject { ["identifiers"] = new JsonArray(AcmeFlow.Identifier(AcmeFlow.Spc("1234"))) };
        AssertProblem(await flow.Client.PostAsync(flow.Client.Url("newOrder"), order, useJwk: true), HttpStatusCode.BadRequest, "malformed");
        AssertProblem(await flow.Client.PostAsync(flow.Client.Url("newAccount"), new JsonObject()), HttpStatusCode.BadRequest, "malformed");

        string both = Raw(new JsonObject
        {
            ["alg"] = "ES256",
            ["nonce"] = await flow.Client.NonceAsync(),
            ["url"] = flow.Client.Url("newOrder"),
            ["kid"] = flow.Client.AccountUrl,
            ["jwk"] = JsonNode.Parse(flow.Client.Key.PublicKey.CanonicalJson),
        }.ToJsonString(), "e30");
        AssertProblem(await flow.Client.PostRawAsync(flow.Client.Url("newOrder"), both), HttpStatusCode.BadRequest, "malformed");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("PS256")]
    public async Task Unsupported_algorithms_list_the_accepted_ones(string alg)
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        string body = Raw(new JsonObject
        {
            ["alg"] = alg,
            ["nonce"] = await flow.Client.NonceAsync(),
            ["url"] = flow.Client.AccountUrl,
            ["kid"] = flow.Client.AccountUrl,
        }.ToJsonString(), string.Empty);
        AcmeReply reply = await flow.Client.PostRawAsync(flow.Client.AccountUrl!, body);
        AssertProblem(reply, HttpStatusCode.BadRequest, "badSignatureAlgorithm");
        var algorithms = reply.Json["algorithms"]!.AsArray().Select(a => (string)a!).ToList();
        Assert.Contains("ES256", algorithms);
        Assert.Contains("EdDSA", algorithms);
    }

    [Fact]
    public async Task Bad_signature_unknown_account_and_deactivated_account()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();

        var stranger = JwsSigner.ForECDsa(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        AssertProblem(await flow.Client.PostAsync(flow.Client.AccountUrl!, null, signer: stranger), HttpStatusCode.BadRequest, "malformed");

        string unknown = flow.Client.AccountUrl![..(flow.Client.AccountUrl!.LastIndexOf('/') + 1)] + "0000";
        string nonce = await flow.Client.NonceAsync();
        string body = flow.Client.Key.Sign([], unknown, nonce, unknown);
        AssertProblem(await flow.Client.PostRawAsync(unknown, body), HttpStatusCode.BadRequest, "accountDoesNotExist");

        AcmeReply deactivated = await flow.Client.PostAsync(flow.Client.AccountUrl!, new JsonObject { ["status"] = "deactivated" });
        Assert.Equal("deactivated", (string?)deactivated.Json["status"]);
        AssertProblem(await flow.Client.PostAsync(flow.Client.AccountUrl!, null), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Get_on_post_as_get_resources_is_405()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        using HttpResponseMessage get = await flow.Client.GetAsync(flow.Client.AccountUrl!);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Garbage_bodies_are_malformed_problems()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.Client.LoadDirectoryAsync();
        foreach (string body in new[] { "", "{", "[]", "{\"protected\":1}", "a.b.c", new string('x', 70_000) })
        {
            AcmeReply reply = await flow.Client.PostRawAsync(flow.Client.Url("newAccount"), body);
            Assert.True(reply.ProblemType is not null && (int)reply.Status is 400 or 413, reply.ToString());
        }
    }
}
