using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TnAcme.Acme.Stores;
using TnAcme.Stir;
using TnAcme.Storage;
using TnAcme.Storage.Stores;

namespace TnAcme.Server.Tests;

/// <summary>Limits hold under concurrent requests and across restarts.</summary>
[Collection(ServerCollection.Name)]
public sealed class CallbackConcurrencyTests : IDisposable
{
    private readonly ServerFixture _fixture;
    private readonly AcmeFlow _flow;

    public CallbackConcurrencyTests(ServerFixture fixture)
    {
        _fixture = fixture;
        _flow = new AcmeFlow(fixture);
    }

    [Fact]
    public async Task Concurrent_wrong_responses_cannot_spend_more_than_the_attempts()
    {
        await _flow.RegisterAsync();
        string number = "1404" + RandomNumberGenerator.GetInt32(1_000_000, 9_999_000).ToString(System.Globalization.CultureInfo.InvariantCulture) + "1";
        var (_, order) = await _flow.NewOrderAsync(TnAuthList.Create(TnEntry.OfNumber(number)));
        AcmeReply authz = await _flow.Client.PostAsync((string)order["authorizations"]![0]!, null);
        JsonObject challenge = authz.Json["challenges"]!.AsArray().Select(c => c!.AsObject()).Single(c => (string)c["type"]! == "tn-callback-01");
        string url = (string)challenge["url"]!;
        Assert.Equal(HttpStatusCode.OK, (await _flow.Client.PostAsync(url, new JsonObject { ["channel"] = "sms" })).Status);
        string wrong = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

        AcmeReply[] replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _flow.Client.PostAsync(url, new JsonObject { ["response"] = wrong })));

        // Each answer that was checked either counted (incorrectResponse) or ended the challenge (invalid); the others
        // lost the compare-and-set (409) or came after the end (the invalid challenge, unchanged).
        int counted = replies.Count(r => r.ProblemType == "urn:ietf:params:acme:error:incorrectResponse");
        Assert.True(counted <= 2, string.Join("\n", replies.Select(r => r.ToString())));
        Assert.All(replies, r => Assert.True(
            r.ProblemType is "urn:ietf:params:acme:error:incorrectResponse" or "urn:ietf:params:acme:error:malformed" || (string?)r.Json["status"] == "invalid",
            r.ToString()));
        JsonObject after = (await _flow.Client.PostAsync(url, null)).Json;
        Assert.True((string?)after["status"] is "pending" or "invalid");
    }

    [Fact]
    public async Task The_rate_limit_store_admits_exactly_the_limit_under_concurrency_and_remembers_after_a_restart()
    {
        string path = Path.Combine(_fixture.DataDirectory, "ratelimits-" + Guid.NewGuid().ToString("N") + ".db");
        var db = StorageSetup.SqliteFactory(path);
        await StorageSetup.MigrateAsync(db);
        var store = new EfRateLimitStore(db);
        var now = DateTimeOffset.UtcNow;
        RateLimitRule[] rules = [new("test/number", "12025550100", 5, TimeSpan.FromHours(1)), new("test/account", "acct", 100, TimeSpan.FromHours(1))];

        RateLimitDecision[] decisions = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => store.TryAcquireAsync(rules, now.AddMilliseconds(i), CancellationToken.None))));
        Assert.Equal(5, decisions.Count(d => d.Allowed));
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.Equal("test/number", d.Refused!.Scope));

        // A new store over the same database (a restarted server) still counts them.
        var restarted = new EfRateLimitStore(StorageSetup.SqliteFactory(path));
        RateLimitDecision later = await restarted.TryAcquireAsync(rules, now.AddMinutes(30), CancellationToken.None);
        Assert.False(later.Allowed);
        Assert.InRange(later.RetryAt!.Value, now.AddHours(1).AddMilliseconds(-1), now.AddHours(1).AddSeconds(1));

        // The window slides: an hour after the first, a slot is free again.
        Assert.True((await restarted.TryAcquireAsync(rules, now.AddHours(1).AddSeconds(1), CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task Configuration_mistakes_stop_the_server_with_a_named_problem()
    {
        var options = new ServerOptions
        {
            DataDirectory = Path.Combine(_fixture.DataDirectory, "never"),
            ConfigDirectory = Path.Combine(AppContext.BaseDirectory, "ca-config"),
            Challenges = new ChallengeOptions
            {
                TnCallback = new TnAcme.Validation.Callback.TnCallbackOptions
                {
                    Enabled = true,
                    Delivery = "webhook",
                    MaxAttempts = 0,
                    Webhook = new TnAcme.Validation.Callback.WebhookOptions { Url = "http://provider.example/x", SecretEnvironmentVariable = "TNACME_TEST_NO_SUCH_SECRET" },
                },
            },
            Acme = new TnAcme.Acme.AcmeOptions
            {
                IssuanceByChallenge = new() { ["tn-callback-01"] = new() { MustExclude = ["orig"] } },
            },
        };
        InvalidOperationException e = await Assert.ThrowsAsync<InvalidOperationException>(() => TnAcmeServer.StartAsync(options, TnAcme.Issuance.Hierarchy.CertificateAuthorityHierarchy.Default));
        Assert.Contains("MaxAttempts", e.Message, StringComparison.Ordinal);
        Assert.Contains("must be https://", e.Message, StringComparison.Ordinal);
        Assert.Contains("TNACME_TEST_NO_SUCH_SECRET", e.Message, StringComparison.Ordinal);
        Assert.Contains("mustExclude may not name iat, orig or dest", e.Message, StringComparison.Ordinal);

        var none = options with { Challenges = new ChallengeOptions { TkAuth = new TkAuthOptions { Enabled = false } }, Acme = new TnAcme.Acme.AcmeOptions() };
        InvalidOperationException e2 = await Assert.ThrowsAsync<InvalidOperationException>(() => TnAcmeServer.StartAsync(none, TnAcme.Issuance.Hierarchy.CertificateAuthorityHierarchy.Default));
        Assert.Contains("enable at least one challenge type", e2.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _flow.Dispose();
}
