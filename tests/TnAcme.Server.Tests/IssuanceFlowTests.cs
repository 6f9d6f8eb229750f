using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace TnAcme.Server.Tests;

/// <summary>Part of the integration suite every storage backend runs (<see cref="StorageBackends"/>).</summary>
public abstract class IssuanceFlowTests
{
    private readonly ServerFixture _fixture;

    protected IssuanceFlowTests(ServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Directory_and_nonce_resources()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.Client.LoadDirectoryAsync();
        JsonObject dir = flow.Client.Directory;
        foreach (string member in new[] { "newNonce", "newAccount", "newOrder", "newAuthz", "revokeCert", "keyChange" })
        {
            Assert.StartsWith("https://127.0.0.1:", (string)dir[member]!, StringComparison.Ordinal);
        }

        Assert.True((bool)dir["meta"]!["externalAccountRequired"]!);
        Assert.NotNull(dir["meta"]!["profiles"]!["shaken-sp"]);

        using HttpResponseMessage get = await flow.Client.GetAsync(flow.Client.Url("newNonce"));
        Assert.Equal(HttpStatusCode.NoContent, get.StatusCode);
        Assert.Contains("no-store", get.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9_-]+$", get.Headers.GetValues("Replay-Nonce").Single());
    }

    [Fact]
    public async Task Spc_certificate_end_to_end_over_https()
    {
        using var flow = new AcmeFlow(_fixture);
        AcmeReply account = await flow.RegisterAsync();
        Assert.Equal("valid", (string?)account.Json["status"]);
        Assert.NotNull(account.Json["externalAccountBinding"]);
        Assert.Contains(account.Links, l => l.Contains("rel=\"index\"", StringComparison.Ordinal));

        var list = AcmeFlow.Spc("1234");
        var (orderUrl, order) = await flow.NewOrderAsync(list);
        Assert.Equal("pending", (string?)order["status"]);
        Assert.Equal("shaken-sp", (string?)order["profile"]);

        var (challengeUrl, challenge) = await flow.TkAuthChallengeAsync(order);
        Assert.Equal("atc", (string?)challenge["tkauth-type"]);
        Assert.Equal("pending", (string?)challenge["status"]);

        AcmeReply validated = await flow.RespondAsync(challengeUrl, _fixture.TokenAuthority.Mint(list, flow.Thumbprint));
        Assert.Equal("valid", (string?)validated.Json["status"]);
        Assert.NotNull(validated.Json["validated"]);
        Assert.Contains(validated.Links, l => l.Contains("rel=\"up\"", StringComparison.Ordinal));

        AcmeReply ready = await flow.Client.PostAsync(orderUrl, null);
        Assert.Equal("ready", (string?)ready.Json["status"]);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AcmeReply finalized = await flow.FinalizeAsync(order, AcmeFlow.Csr(list, key));
        Assert.True(finalized.Status == HttpStatusCode.OK, finalized.ToString());
        Assert.Equal("valid", (string?)finalized.Json["status"]);

        AcmeReply download = await flow.Client.PostAsync((string)finalized.Json["certificate"]!, null);
        Assert.Equal("application/pem-certificate-chain", download.ContentType);
        Assert.DoesNotContain("\n\n", download.Body, StringComparison.Ordinal);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(download.Body);
        Assert.Equal(2, chain.Count);
        Assert.Equal("CN=SHAKEN 1234, O=Example Carrier, C=US", chain[0].Subject);
        using var verify = new X509Chain();
        verify.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        verify.ChainPolicy.CustomTrustStore.Add(_fixture.Root);
        verify.ChainPolicy.ExtraStore.Add(chain[1]);
        verify.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(verify.Build(chain[0]), string.Join(", ", verify.ChainStatus.Select(s => s.StatusInformation)));

        // RFC 9448 §7: the public x5u URL serves the same chain to anyone, without redirects.
        string x5u = (string)finalized.Json["x5u"]!;
        using HttpResponseMessage x5uResponse = await flow.Client.GetAsync(x5u);
        Assert.Equal(HttpStatusCode.OK, x5uResponse.StatusCode);
        Assert.Equal("application/pem-certificate-chain", x5uResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal(download.Body, await x5uResponse.Content.ReadAsStringAsync());
        Assert.Contains("max-age=", x5uResponse.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numbers_get_short_lived_certificates_capped_by_the_token()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        var list = Stir.TnAuthList.Create(Stir.TnEntry.OfNumber("12025550100"));
        var (_, order) = await flow.NewOrderAsync(list);
        Assert.Equal("tn-shortlived", (string?)order["profile"]);
        var (challengeUrl, _) = await flow.TkAuthChallengeAsync(order);
        DateTimeOffset exp = DateTimeOffset.UtcNow.AddHours(2);
        await flow.RespondAsync(challengeUrl, _fixture.TokenAuthority.Mint(list, flow.Thumbprint, exp: exp));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AcmeReply finalized = await flow.FinalizeAsync(order, AcmeFlow.Csr(list, key, subject: "CN=device"));
        Assert.Equal("valid", (string?)finalized.Json["status"]);
        AcmeReply download = await flow.Client.PostAsync((string)finalized.Json["certificate"]!, null);
        using X509Certificate2 leaf = X509Certificate2.CreateFromPem(download.Body);
        Assert.True(leaf.NotAfter.ToUniversalTime() <= exp.UtcDateTime.AddSeconds(1), $"notAfter {leaf.NotAfter:u} outlives the token's exp {exp:u}");
    }

    [Fact]
    public async Task Repeated_and_concurrent_finalize_issue_exactly_one_certificate()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        var list = AcmeFlow.Spc("5678");
        var (orderUrl, order) = await flow.NewOrderAsync(list);
        var (challengeUrl, _) = await flow.TkAuthChallengeAsync(order);
        await flow.RespondAsync(challengeUrl, _fixture.TokenAuthority.Mint(list, flow.Thumbprint));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] csr = AcmeFlow.Csr(list, key, subject: "CN=SHAKEN 5678, O=Example, C=US");
        AcmeReply[] replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => flow.FinalizeAsync(order, csr)));
        Assert.All(replies, r => Assert.True(r.Status == HttpStatusCode.OK, r.ToString()));
        AcmeReply final = await flow.Client.PostAsync(orderUrl, null);
        Assert.Equal("valid", (string?)final.Json["status"]);
        string certificate = (string)final.Json["certificate"]!;
        Assert.All(replies.Where(r => (string?)r.Json["status"] == "valid"), r => Assert.Equal(certificate, (string?)r.Json["certificate"]));
    }

    [Fact]
    public async Task Valid_authorizations_are_reused_for_a_new_order()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        var list = AcmeFlow.Spc("7777");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await flow.IssueAsync(list, key);
        var (_, second) = await flow.NewOrderAsync(list);
        Assert.Equal("ready", (string?)second["status"]);
    }

    [Fact]
    public async Task Orders_list_and_account_resources()
    {
        using var flow = new AcmeFlow(_fixture);
        AcmeReply account = await flow.RegisterAsync();
        await flow.NewOrderAsync(AcmeFlow.Spc("1111"));
        await flow.NewOrderAsync(AcmeFlow.Spc("2222"));
        AcmeReply orders = await flow.Client.PostAsync((string)account.Json["orders"]!, null);
        Assert.Equal(2, orders.Json["orders"]!.AsArray().Count);

        AcmeReply again = await flow.Client.PostAsync(flow.Client.Url("newAccount"), new JsonObject { ["onlyReturnExisting"] = true }, useJwk: true);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(flow.Client.AccountUrl, again.Location);

        AcmeReply updated = await flow.Client.PostAsync(flow.Client.AccountUrl!, new JsonObject { ["contact"] = new JsonArray("mailto:noc@carrier.example") });
        Assert.Equal("mailto:noc@carrier.example", (string?)updated.Json["contact"]![0]);
    }

    [Fact]
    public async Task Pre_authorization_with_newAuthz_then_an_order_is_ready()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        var list = AcmeFlow.Spc("3456");
        AcmeReply authz = await flow.Client.PostAsync(flow.Client.Url("newAuthz"), new JsonObject { ["identifier"] = AcmeFlow.Identifier(list) });
        Assert.True(authz.Status == HttpStatusCode.Created, authz.ToString());
        Assert.Equal("pending", (string?)authz.Json["status"]);
        string challengeUrl = (string)authz.Json["challenges"]!.AsArray().Single(c => (string)c!["type"]! == "tkauth-01")!["url"]!;
        await flow.RespondAsync(challengeUrl, _fixture.TokenAuthority.Mint(list, flow.Thumbprint));
        Assert.Equal("valid", (string?)(await flow.Client.PostAsync(authz.Location!, null)).Json["status"]);

        var (_, order) = await flow.NewOrderAsync(list);
        Assert.Equal("ready", (string?)order["status"]);
        Assert.Equal(authz.Location, (string?)order["authorizations"]![0]);

        AcmeReply deactivated = await flow.Client.PostAsync(authz.Location!, new JsonObject { ["status"] = "deactivated" });
        Assert.Equal("deactivated", (string?)deactivated.Json["status"]);
        AcmeReply orderNow = await flow.Client.PostAsync(((string)order["finalize"]!).Replace("/finalize", string.Empty, StringComparison.Ordinal), null);
        Assert.Equal("invalid", (string?)orderNow.Json["status"]);
    }
}
