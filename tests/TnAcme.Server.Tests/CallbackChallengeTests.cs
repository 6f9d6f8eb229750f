using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Acme.Jose;
using TnAcme.Stir;

namespace TnAcme.Server.Tests;

/// <summary>
/// tn-callback-01 over real HTTPS against the real server, which delivers codes to a webhook receiver running as its
/// own process (callback_receiver.py, HMAC-checked). docs/challenges/tn-callback-01.md.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class CallbackChallengeTests : IDisposable
{
    private readonly ServerFixture _fixture;
    private readonly AcmeFlow _flow;

    public CallbackChallengeTests(ServerFixture fixture)
    {
        _fixture = fixture;
        _flow = new AcmeFlow(fixture);
    }

    /// <summary>A fresh number per test (rate limits count per number); never one of the receiver's failure endings.</summary>
    private static string NewNumber(string prefix = "1202")
    {
        while (true)
        {
            string n = prefix + RandomNumberGenerator.GetInt32(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!n.EndsWith("0500", StringComparison.Ordinal) && !n.EndsWith("0408", StringComparison.Ordinal) && !n.EndsWith("0400", StringComparison.Ordinal))
            {
                return n;
            }
        }
    }

    private static TnAuthList One(string number) => TnAuthList.Create(TnEntry.OfNumber(number));

    private async Task<(JsonObject Order, string ChallengeUrl, JsonObject Challenge)> OrderAsync(string number)
    {
        var (_, order) = await _flow.NewOrderAsync(One(number));
        AcmeReply authz = await _flow.Client.PostAsync((string)order["authorizations"]![0]!, null);
        JsonObject challenge = authz.Json["challenges"]!.AsArray().Select(c => c!.AsObject()).Single(c => (string)c["type"]! == "tn-callback-01");
        return (order, (string)challenge["url"]!, challenge);
    }

    private Task<AcmeReply> DeliverAsync(string challengeUrl, string channel = "sms") =>
        _flow.Client.PostAsync(challengeUrl, new JsonObject { ["channel"] = channel });

    private Task<AcmeReply> AnswerAsync(string challengeUrl, string code, string token, JsonWebKey? key = null) =>
        _flow.Client.PostAsync(challengeUrl, new JsonObject { ["response"] = Response(code, token, key ?? _flow.Client.Key.PublicKey) });

    private static string Response(string code, string token, JsonWebKey key) =>
        KeyAuthorization.DigestBase64Url(KeyAuthorization.Compute(code + token, key));

    [Fact]
    public async Task Delivery_then_the_right_response_issues_a_tn_shortlived_certificate_marked_by_claim_constraints()
    {
        await _flow.RegisterAsync();
        string number = NewNumber();
        var (order, challengeUrl, challenge) = await OrderAsync(number);
        Assert.Equal(["sms", "voice"], challenge["channels"]!.AsArray().Select(c => (string)c!).ToArray());
        string token = (string)challenge["token"]!;
        Assert.True(Base64Url.Decode(token).Length >= 16, "part2 carries at least 128 bits");

        // Creating the order sent nothing: delivery waits for the explicit request.
        Assert.DoesNotContain(await _fixture.Receiver.DeliveriesAsync(), d => (string?)d!["number"] == number);

        AcmeReply delivered = await DeliverAsync(challengeUrl);
        Assert.True(delivered.Status == HttpStatusCode.OK, delivered.ToString());
        Assert.Equal("pending", (string?)delivered.Json["status"]);
        JsonNode delivery = (await _fixture.Receiver.DeliveriesAsync()).Single(d => (string?)d!["number"] == number)!;
        Assert.Equal("sms", (string?)delivery["channel"]);
        string code = await _fixture.Receiver.LastCodeAsync(number);
        Assert.Matches("^[0-9]{8}$", code);
        Assert.Contains(code, (string)delivery["text"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(code, delivered.Body, StringComparison.Ordinal);

        AcmeReply polled = await _flow.Client.PostAsync(challengeUrl, null);
        Assert.DoesNotContain(code, polled.Body, StringComparison.Ordinal);

        AcmeReply answered = await AnswerAsync(challengeUrl, code, token);
        Assert.True((string?)answered.Json["status"] == "valid", answered.ToString());
        JsonObject authorization = (await _flow.Client.PostAsync((string)order["authorizations"]![0]!, null)).Json;
        Assert.Equal("valid", (string?)authorization["status"]);
        Assert.InRange(DateTimeOffset.Parse((string)authorization["expires"]!, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1).AddMinutes(1));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AcmeReply finalized = await _flow.FinalizeAsync(order, AcmeFlow.Csr(One(number), key, subject: "CN=device"));
        Assert.True((string?)finalized.Json["status"] == "valid", finalized.ToString());
        Assert.Equal("tn-shortlived", (string?)finalized.Json["profile"] ?? "tn-shortlived");
        AcmeReply chain = await _flow.Client.PostAsync((string)finalized.Json["certificate"]!, null);
        using X509Certificate2 leaf = X509Certificate2.CreateFromPem(chain.Body);

        X509Extension ejcc = leaf.Extensions[StirOids.EnhancedJwtClaimConstraints] ?? throw new Xunit.Sdk.XunitException("no EnhancedJWTClaimConstraints");
        Assert.Equal(["attest", "origid", "div", "rph"], EnhancedJwtClaimConstraints.Decode(ejcc.RawData).MustExclude.ToArray());
        Assert.Equal(One(number).ToDer(), leaf.Extensions[StirOids.TnAuthList]!.RawData);

        // And as a relying party's tool sees it.
        string pem = Path.Combine(_fixture.DataDirectory, $"callback-{number}.pem");
        await File.WriteAllTextAsync(pem, leaf.ExportCertificatePem());
        var (exit, text, _) = await TnAcmeProcess.Default.ExecAsync("openssl", "x509", "-in", pem, "-noout", "-text");
        Assert.Equal(0, exit);
        Assert.Contains("1.3.6.1.5.5.7.1.33", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_codes_consume_attempts_and_the_last_makes_the_challenge_invalid()
    {
        await _flow.RegisterAsync();
        string number = NewNumber();
        var (_, challengeUrl, challenge) = await OrderAsync(number);
        string token = (string)challenge["token"]!;
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(challengeUrl, "voice")).Status);
        string code = await _fixture.Receiver.LastCodeAsync(number);
        string wrong = code == "00000000" ? "11111111" : "00000000";

        for (int left = 2; left >= 1; left--)
        {
            AcmeReply refused = await AnswerAsync(challengeUrl, wrong, token);
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
            Assert.Equal("urn:ietf:params:acme:error:incorrectResponse", refused.ProblemType);
            Assert.Contains($"{left} attempt(s) left", (string)refused.Json["detail"]!, StringComparison.Ordinal);
            JsonObject pending = (await _flow.Client.PostAsync(challengeUrl, null)).Json;
            Assert.Equal("pending", (string?)pending["status"]);
            Assert.Equal("urn:ietf:params:acme:error:incorrectResponse", (string?)pending["error"]!["type"]);
        }

        AcmeReply last = await AnswerAsync(challengeUrl, wrong, token);
        Assert.Equal("invalid", (string?)last.Json["status"]);

        // Even the right code is too late now.
        AcmeReply late = await AnswerAsync(challengeUrl, code, token);
        Assert.Equal("invalid", (string?)late.Json["status"]);
    }

    [Fact]
    public async Task A_response_computed_with_another_accounts_key_is_wrong()
    {
        await _flow.RegisterAsync();
        string number = NewNumber();
        var (_, challengeUrl, challenge) = await OrderAsync(number);
        await DeliverAsync(challengeUrl);
        string code = await _fixture.Receiver.LastCodeAsync(number);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        JwsSigner other = JwsSigner.ForECDsa(otherKey);

        AcmeReply refused = await AnswerAsync(challengeUrl, code, (string)challenge["token"]!, other.PublicKey);
        Assert.Equal("urn:ietf:params:acme:error:incorrectResponse", refused.ProblemType);
    }

    [Fact]
    public async Task Deny_listed_numbers_are_never_called()
    {
        await _flow.RegisterAsync();
        string number = NewNumber("1900");
        var (_, challengeUrl, _) = await OrderAsync(number);
        AcmeReply refused = await DeliverAsync(challengeUrl);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("urn:ietf:params:acme:error:rejectedIdentifier", refused.ProblemType);
        Assert.Equal("tn-callback-01/deny-list", (string?)refused.Json["limit"]);
        Assert.Contains("1900", (string)refused.Json["detail"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(await _fixture.Receiver.DeliveriesAsync(), d => (string?)d!["number"] == number);
    }

    [Fact]
    public async Task The_per_number_limit_refuses_with_rateLimited_and_Retry_After()
    {
        await _flow.RegisterAsync();
        string number = NewNumber();
        var (_, challengeUrl, _) = await OrderAsync(number);
        for (int i = 0; i < ServerFixture.DeliveriesPerNumber; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(challengeUrl)).Status);
        }

        // Another order by the same account, same number: the limit is per number, not per challenge.
        var (_, secondUrl, _) = await OrderAsync(number);
        AcmeReply refused = await DeliverAsync(secondUrl);
        Assert.Equal((HttpStatusCode)429, refused.Status);
        Assert.Equal("urn:ietf:params:acme:error:rateLimited", refused.ProblemType);
        Assert.Equal("tn-callback-01/number", (string?)refused.Json["limit"]);
        Assert.NotNull(refused.RetryAfter);
        int seconds = int.Parse(refused.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 3500, 3601);
        Assert.Equal(seconds, (int)refused.Json["retryAfter"]!);
        Assert.Equal(ServerFixture.DeliveriesPerNumber, (await _fixture.Receiver.DeliveriesAsync()).Count(d => (string?)d!["number"] == number));
    }

    [Fact]
    public async Task Only_one_number_is_offered_the_challenge_and_the_certificate_cannot_name_another()
    {
        await _flow.RegisterAsync();
        var (_, rangeOrder) = await _flow.NewOrderAsync(TnAuthList.Create(TnEntry.OfRange("12025550000", 100)));
        AcmeReply authz = await _flow.Client.PostAsync((string)rangeOrder["authorizations"]![0]!, null);
        Assert.DoesNotContain(authz.Json["challenges"]!.AsArray(), c => (string?)c!["type"] == "tn-callback-01");

        var (_, twoOrder) = await _flow.NewOrderAsync(TnAuthList.Create(TnEntry.OfNumber(NewNumber()), TnEntry.OfNumber(NewNumber())));
        AcmeReply twoAuthz = await _flow.Client.PostAsync((string)twoOrder["authorizations"]![0]!, null);
        Assert.DoesNotContain(twoAuthz.Json["challenges"]!.AsArray(), c => (string?)c!["type"] == "tn-callback-01");

        string number = NewNumber();
        var (order, challengeUrl, challenge) = await OrderAsync(number);
        await DeliverAsync(challengeUrl);
        AcmeReply valid = await AnswerAsync(challengeUrl, await _fixture.Receiver.LastCodeAsync(number), (string)challenge["token"]!);
        Assert.Equal("valid", (string?)valid.Json["status"]);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AcmeReply refused = await _flow.FinalizeAsync(order, AcmeFlow.Csr(One(NewNumber()), key, subject: "CN=device"));
        Assert.Equal("urn:ietf:params:acme:error:badCSR", refused.ProblemType);
    }

    [Theory]
    [InlineData("0500", "urn:ietf:params:acme:error:connection", "HTTP 500")]
    [InlineData("0408", "urn:ietf:params:acme:error:connection", "did not answer within")]
    [InlineData("0400", "urn:ietf:params:acme:error:serverInternal", "HTTP 400")]
    public async Task A_failing_webhook_surfaces_as_the_challenges_error(string ending, string type, string detail)
    {
        await _flow.RegisterAsync();
        string number = "1202" + RandomNumberGenerator.GetInt32(100, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) + ending;
        var (_, challengeUrl, _) = await OrderAsync(number);
        var timer = Stopwatch.StartNew();
        AcmeReply failed = await DeliverAsync(challengeUrl);
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(4), $"timeouts and retries are bounded ({timer.Elapsed})");
        Assert.Equal(type, failed.ProblemType);
        Assert.Contains("webhook", (string)failed.Json["detail"]!, StringComparison.Ordinal);
        Assert.Contains(detail, (string)failed.Json["detail"]!, StringComparison.Ordinal);

        JsonObject challenge = (await _flow.Client.PostAsync(challengeUrl, null)).Json;
        Assert.Equal("pending", (string?)challenge["status"]);
        Assert.Equal(type, (string?)challenge["error"]!["type"]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"channel\": 5}")]
    [InlineData("{\"channel\": \"fax\"}")]
    [InlineData("{\"channel\": null}")]
    [InlineData("{\"channel\": \"sms\", \"response\": \"x\"}")]
    [InlineData("{\"response\": 42}")]
    [InlineData("{\"response\": \"short\"}")]
    [InlineData("{\"response\": \"!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\"}")]
    [InlineData("{\"response\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}")]
    [InlineData("{\"response\": [\"a\"]}")]
    [InlineData("[]")]
    public async Task Hostile_payloads_are_malformed_and_change_nothing(string payload)
    {
        await _flow.RegisterAsync();
        string number = NewNumber();
        var (_, challengeUrl, _) = await OrderAsync(number);
        AcmeReply refused = await _flow.Client.PostAsync(challengeUrl, JsonNode.Parse(payload));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("urn:ietf:params:acme:error:malformed", refused.ProblemType);
        JsonObject challenge = (await _flow.Client.PostAsync(challengeUrl, null)).Json;
        Assert.Equal("pending", (string?)challenge["status"]);
        Assert.Null(challenge["error"]);
    }

    [Fact]
    public async Task A_response_before_any_delivery_is_refused_without_consuming_an_attempt()
    {
        await _flow.RegisterAsync();
        string number = NewNumber();
        var (_, challengeUrl, challenge) = await OrderAsync(number);
        AcmeReply refused = await AnswerAsync(challengeUrl, "12345678", (string)challenge["token"]!);
        Assert.Equal("urn:ietf:params:acme:error:malformed", refused.ProblemType);
        Assert.Contains("no code has been sent", (string)refused.Json["detail"]!, StringComparison.Ordinal);
    }

    public void Dispose() => _flow.Dispose();
}
