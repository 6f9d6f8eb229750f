using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TnAcme.Stir;

namespace TnAcme.Server.Tests;

/// <summary>Each of RFC 9448 §6's checks, failed on its own, makes the challenge and authorization invalid.</summary>
/// <summary>Part of the integration suite every storage backend runs (<see cref="StorageBackends"/>).</summary>
public abstract class AuthorityTokenChallengeTests
{
    private readonly ServerFixture _fixture;

    protected AuthorityTokenChallengeTests(ServerFixture fixture) => _fixture = fixture;

    private async Task<(AcmeFlow Flow, string ChallengeUrl, JsonObject Order, TnAuthList List)> PendingAsync(string spc)
    {
        var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        TnAuthList list = AcmeFlow.Spc(spc);
        var (_, order) = await flow.NewOrderAsync(list);
        var (url, _) = await flow.TkAuthChallengeAsync(order);
        return (flow, url, order, list);
    }

    private async Task AssertInvalidAsync(Func<AcmeFlow, TnAuthList, string> token, string check)
    {
        var (flow, url, order, list) = await PendingAsync("4321");
        using (flow)
        {
            AcmeReply reply = await flow.RespondAsync(url, token(flow, list));
            Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
            Assert.Equal("invalid", (string?)reply.Json["status"]);
            string detail = (string)reply.Json["error"]!["detail"]!;
            Assert.Contains($"'{check}'", detail, StringComparison.Ordinal);

            AcmeReply authz = await flow.Client.PostAsync((string)order["authorizations"]![0]!, null);
            Assert.Equal("invalid", (string?)authz.Json["status"]);
            AcmeReply orderNow = await flow.Client.PostAsync(flow.Client.Url("newOrder").Replace("new-order", "order/" + ((string)order["finalize"]!).Split('/')[^2], StringComparison.Ordinal), null);
            Assert.Equal("invalid", (string?)orderNow.Json["status"]);
        }
    }

    [Fact]
    public Task Tampered_signature() => AssertInvalidAsync((f, l) =>
    {
        string t = _fixture.TokenAuthority.Mint(l, f.Thumbprint);
        char last = t[^5];
        return t[..^5] + (last == 'A' ? 'B' : 'A') + t[^4..];
    }, "Signature");

    [Fact]
    public Task Untrusted_signer() => AssertInvalidAsync((f, l) =>
    {
        using var rogue = new TestTokenAuthority("Rogue");
        return rogue.Mint(l, f.Thumbprint);
    }, "UntrustedSigner");

    [Fact]
    public Task Expired_token() => AssertInvalidAsync((f, l) => _fixture.TokenAuthority.Mint(l, f.Thumbprint, exp: DateTimeOffset.UtcNow.AddMinutes(-10)), "Expired");

    [Fact]
    public Task Wrong_tktype() => AssertInvalidAsync((f, l) => _fixture.TokenAuthority.Mint(l, f.Thumbprint, tktype: "dns"), "TokenType");

    [Fact]
    public Task Wrong_tkvalue() => AssertInvalidAsync((f, l) => _fixture.TokenAuthority.Mint(AcmeFlow.Spc("9999"), f.Thumbprint), "TokenValue");

    [Fact]
    public Task Wrong_fingerprint() => AssertInvalidAsync((f, l) => _fixture.TokenAuthority.Mint(l, SHA256.HashData("another account"u8)), "Fingerprint");

    [Fact]
    public Task Non_https_x5u() => AssertInvalidAsync((f, l) => _fixture.TokenAuthority.Mint(l, f.Thumbprint, x5u: "http://127.0.0.1:9/ta.pem"), "X5u");

    [Fact]
    public Task Unreachable_x5u_is_refused_by_the_ssrf_guard_or_the_network() =>
        AssertInvalidAsync((f, l) => _fixture.TokenAuthority.Mint(l, f.Thumbprint, x5u: "https://127.0.0.1:9/ta.pem"), "X5u");

    [Fact]
    public async Task Replayed_jti_fails()
    {
        string jti = Guid.NewGuid().ToString();
        var (first, url1, _, list1) = await PendingAsync("3000");
        using (first)
        {
            AcmeReply ok = await first.RespondAsync(url1, _fixture.TokenAuthority.Mint(list1, first.Thumbprint, jti: jti));
            Assert.Equal("valid", (string?)ok.Json["status"]);
        }

        await AssertInvalidAsync((f, l) => _fixture.TokenAuthority.Mint(l, f.Thumbprint, jti: jti), "Replayed");
    }

    [Fact]
    public async Task Padded_standard_base64_tkvalue_is_accepted()
    {
        var (flow, url, _, list) = await PendingAsync("281K");
        using (flow)
        {
            AcmeReply reply = await flow.RespondAsync(url, _fixture.TokenAuthority.Mint(list, flow.Thumbprint, tkvalue: "MAigBhYEMjgxSw=="));
            Assert.Equal("valid", (string?)reply.Json["status"]);
        }
    }

    [Fact]
    public async Task Draft_dialect_and_missing_tkauth_get_precise_errors_and_leave_the_challenge_pending()
    {
        var (flow, url, _, list) = await PendingAsync("6000");
        using (flow)
        {
            AcmeReply draft = await flow.Client.PostAsync(url, new JsonObject { ["atc"] = _fixture.TokenAuthority.Mint(list, flow.Thumbprint) });
            Assert.Equal("urn:ietf:params:acme:error:malformed", draft.ProblemType);
            Assert.Contains("draft-era", (string?)draft.Json["detail"], StringComparison.Ordinal);
            AcmeReply empty = await flow.Client.PostAsync(url, new JsonObject());
            Assert.Equal("urn:ietf:params:acme:error:malformed", empty.ProblemType);
            AcmeReply still = await flow.Client.PostAsync(url, null);
            Assert.Equal("pending", (string?)still.Json["status"]);
        }
    }

    [Fact]
    public async Task Ca_flag_is_enforced_at_finalize()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        var range = TnAuthList.Create(TnEntry.OfRange("12125551000", 100));

        // Token with ca:false, delegate CA ordered: the CSR's cA=TRUE is refused.
        var (_, order) = await flow.NewOrderAsync(range, "delegate-ca");
        var (url, _) = await flow.TkAuthChallengeAsync(order);
        await flow.RespondAsync(url, _fixture.TokenAuthority.Mint(range, flow.Thumbprint, ca: false));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AcmeReply refused = await flow.FinalizeAsync(order, AcmeFlow.Csr(range, key, ca: true, subject: "CN=Delegate"));
        Assert.Equal("urn:ietf:params:acme:error:badCSR", refused.ProblemType);
        Assert.Contains("\"ca\"", (string?)refused.Json["detail"], StringComparison.Ordinal);

        // With ca:true the delegate CA is issued.
        using var other = new AcmeFlow(_fixture);
        await other.RegisterAsync();
        JsonObject valid = await other.IssueAsync(range, key, "delegate-ca", ca: true);
        Assert.Equal("valid", (string?)valid["status"]);
    }
}
