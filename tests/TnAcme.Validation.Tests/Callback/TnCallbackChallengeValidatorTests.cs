using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TnAcme.Acme;
using TnAcme.Acme.Problems;
using TnAcme.Acme.Validation;
using TnAcme.Stir;
using TnAcme.Validation.Callback;

namespace TnAcme.Validation.Tests.Callback;

/// <summary>tn-callback-01's steps and limits, with a hand-moved clock and a recording delivery.</summary>
public sealed class TnCallbackChallengeValidatorTests
{
    private const string Number = "12025550123";
    private readonly ManualTime _time = new();
    private readonly RecordingDelivery _delivery = new();
    private readonly InMemoryRateLimits _limits = new();
    private readonly byte[] _thumbprint = RandomNumberGenerator.GetBytes(32);
    private readonly string _token = Base64Url.Encode(RandomNumberGenerator.GetBytes(16));
    private ChallengeSecret? _secret;

    private TnCallbackChallengeValidator Validator(TnCallbackOptions? options = null) =>
        new(options ?? new TnCallbackOptions { Enabled = true }, _delivery, _limits, _time);

    private static AcmeIdentifier Identifier(TnAuthList list) => new(TnAuthListIdentifier.IdentifierType, TnAuthListIdentifier.Encode(list));

    private ChallengeContext Context(string number = Number, string accountId = "acct-1")
    {
        AcmeIdentifier identifier = Identifier(TnAuthList.Create(TnEntry.OfNumber(number)));
        var challenge = new Challenge { Id = "a-0", Type = TnCallbackChallengeValidator.ChallengeType, Token = _token, Secret = _secret };
        var authorization = new Authorization { Id = "a", AccountId = accountId, Identifier = identifier, Expires = _time.Now.AddDays(1), Challenges = [challenge] };
        var account = new Account { Id = accountId, KeyJwk = "{}", KeyThumbprint = Base64Url.Encode(_thumbprint) };
        return new ChallengeContext(account, authorization, challenge, _thumbprint);
    }

    private async Task<ChallengeOutcome> PostAsync(TnCallbackChallengeValidator validator, string json, ChallengeContext? context = null)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        ChallengeOutcome outcome = await validator.ValidateAsync(context ?? Context(), doc.RootElement, CancellationToken.None);
        if (outcome.Kind == ChallengeOutcomeKind.Pending)
        {
            _secret = outcome.Secret;
        }

        return outcome;
    }

    private string Response(string code, byte[]? thumbprint = null) =>
        Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(code + _token + "." + Base64Url.Encode(thumbprint ?? _thumbprint))));

    private Task<ChallengeOutcome> AnswerAsync(TnCallbackChallengeValidator validator, string code, byte[]? thumbprint = null) =>
        PostAsync(validator, $"{{\"response\": \"{Response(code, thumbprint)}\"}}");

    private static string Wrong(string code) => code[0] == '0' ? "1" + code[1..] : "0" + code[1..];

    [Fact]
    public async Task Offered_only_for_exactly_one_number()
    {
        TnCallbackChallengeValidator v = Validator();
        Assert.True(v.Supports(Identifier(TnAuthList.Create(TnEntry.OfNumber(Number)))));
        Assert.False(v.Supports(Identifier(TnAuthList.Create(TnEntry.OfNumber(Number), TnEntry.OfNumber("12025550124")))));
        Assert.False(v.Supports(Identifier(TnAuthList.Create(TnEntry.OfRange("12025550000", 10)))));
        Assert.False(v.Supports(Identifier(TnAuthList.Create(TnEntry.OfSpc("1234")))));
        Assert.False(v.Supports(new AcmeIdentifier(TnAuthListIdentifier.IdentifierType, "not*base64")));
        Assert.False(v.Supports(new AcmeIdentifier("dns", "example.com")));
        Assert.Equal(["sms", "voice"], v.ListAttributes(Identifier(TnAuthList.Create(TnEntry.OfNumber(Number))))["channels"]);
    }

    [Fact]
    public async Task A_delivery_then_the_right_response_is_valid_and_the_secret_never_shows()
    {
        TnCallbackChallengeValidator v = Validator();
        ChallengeOutcome delivered = await PostAsync(v, "{\"channel\": \"sms\"}");
        Assert.Equal(ChallengeOutcomeKind.Pending, delivered.Kind);
        Assert.Null(delivered.Error);
        CallbackMessage sent = Assert.Single(_delivery.Sent);
        Assert.Equal(Number, sent.Number);
        Assert.Matches("^[0-9]{8}$", sent.Code);
        Assert.Contains(sent.Code, sent.Text, StringComparison.Ordinal);
        Assert.Equal(_time.Now + TimeSpan.FromMinutes(10), sent.Expires);
        Assert.DoesNotContain(sent.Code, sent.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(sent.Code, delivered.ToString(), StringComparison.Ordinal);
        Assert.Equal("[secret]", _secret!.ToString());

        ChallengeOutcome answered = await AnswerAsync(v, sent.Code);
        Assert.Equal(ChallengeOutcomeKind.Valid, answered.Kind);
        Assert.False(answered.GrantedCa);
        Assert.Null(answered.ProofExpires);
        Assert.Equal(TimeSpan.FromHours(1), answered.AuthorizationLifetime);
    }

    [Fact]
    public async Task Wrong_responses_count_down_then_invalid()
    {
        TnCallbackChallengeValidator v = Validator(new TnCallbackOptions { MaxAttempts = 3 });
        await PostAsync(v, "{\"channel\": \"voice\"}");
        string code = _delivery.Sent[0].Code;
        Assert.StartsWith("Your certificate code is", _delivery.Sent[0].Text, StringComparison.Ordinal);

        ChallengeOutcome first = await AnswerAsync(v, Wrong(code));
        Assert.Equal(ChallengeOutcomeKind.Pending, first.Kind);
        Assert.Equal(AcmeErrorType.IncorrectResponse, first.Error!.Type);
        Assert.Contains("2 attempt(s) left", first.Error.Detail, StringComparison.Ordinal);
        Assert.Contains("1 attempt(s) left", (await AnswerAsync(v, Wrong(code))).Error!.Detail, StringComparison.Ordinal);
        ChallengeOutcome last = await AnswerAsync(v, Wrong(code));
        Assert.Equal(ChallengeOutcomeKind.Invalid, last.Kind);
        Assert.Contains("no attempts left", last.Error!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_accounts_thumbprint_gives_a_wrong_response()
    {
        TnCallbackChallengeValidator v = Validator();
        await PostAsync(v, "{\"channel\": \"sms\"}");
        ChallengeOutcome outcome = await AnswerAsync(v, _delivery.Sent[0].Code, RandomNumberGenerator.GetBytes(32));
        Assert.Equal(AcmeErrorType.IncorrectResponse, outcome.Error!.Type);
    }

    [Fact]
    public async Task An_expired_code_is_refused_without_an_attempt_and_a_new_delivery_is_offered()
    {
        TnCallbackChallengeValidator v = Validator(new TnCallbackOptions { MaxDeliveriesPerAuthorization = 2 });
        await PostAsync(v, "{\"channel\": \"sms\"}");
        string code = _delivery.Sent[0].Code;
        _time.Now += TimeSpan.FromMinutes(10);

        ChallengeOutcome expired = await AnswerAsync(v, code);
        Assert.Equal(ChallengeOutcomeKind.Pending, expired.Kind);
        Assert.Contains("expired", expired.Error!.Detail, StringComparison.Ordinal);
        Assert.Contains("1 delivery(ies) left", expired.Error.Detail, StringComparison.Ordinal);

        // The expired code is forgotten; a new delivery gives a code that works.
        AcmeProblemException forgotten = await Assert.ThrowsAsync<AcmeProblemException>(() => AnswerAsync(v, code));
        Assert.Contains("no code has been sent", forgotten.Problem.Detail, StringComparison.Ordinal);
        await PostAsync(v, "{\"channel\": \"sms\"}");
        Assert.Equal(ChallengeOutcomeKind.Valid, (await AnswerAsync(v, _delivery.Sent[1].Code)).Kind);
    }

    [Fact]
    public async Task An_expired_code_with_no_deliveries_left_ends_the_challenge()
    {
        TnCallbackChallengeValidator v = Validator(new TnCallbackOptions { MaxDeliveriesPerAuthorization = 1 });
        await PostAsync(v, "{\"channel\": \"sms\"}");
        _time.Now += TimeSpan.FromMinutes(11);
        Assert.Equal(ChallengeOutcomeKind.Invalid, (await AnswerAsync(v, _delivery.Sent[0].Code)).Kind);
    }

    [Fact]
    public async Task Deliveries_per_authorization_and_the_resend_interval_are_limited()
    {
        TnCallbackChallengeValidator v = Validator(new TnCallbackOptions { MaxDeliveriesPerAuthorization = 2, ResendInterval = TimeSpan.FromSeconds(30) });
        await PostAsync(v, "{\"channel\": \"sms\"}");

        AcmeProblemException tooSoon = await Assert.ThrowsAsync<AcmeProblemException>(() => PostAsync(v, "{\"channel\": \"sms\"}"));
        Assert.Equal(AcmeErrorType.RateLimited, tooSoon.Problem.Type);
        Assert.Equal("tn-callback-01/resend-interval", tooSoon.Problem.Limit);
        Assert.Equal(30, tooSoon.Problem.RetryAfterSeconds);

        _time.Now += TimeSpan.FromSeconds(30);
        await PostAsync(v, "{\"channel\": \"sms\"}");
        _time.Now += TimeSpan.FromMinutes(1);
        AcmeProblemException spent = await Assert.ThrowsAsync<AcmeProblemException>(() => PostAsync(v, "{\"channel\": \"sms\"}"));
        Assert.Equal("tn-callback-01/deliveries-per-authorization", spent.Problem.Limit);
        Assert.Null(spent.Problem.RetryAfterSeconds);
        Assert.Equal(2, _delivery.Sent.Count);
    }

    [Fact]
    public async Task The_per_account_limit_spans_numbers_and_says_when_to_retry()
    {
        TnCallbackChallengeValidator v = Validator(new TnCallbackOptions { MaxDeliveriesPerAccount = 2, AccountWindow = TimeSpan.FromMinutes(10) });
        // A fresh challenge (no state) for each number.
        await PostAsync(v, "{\"channel\": \"sms\"}", Context("12025550001"));
        _time.Now += TimeSpan.FromMinutes(4);
        _secret = null;
        await PostAsync(v, "{\"channel\": \"sms\"}", Context("12025550002"));
        _secret = null;
        AcmeProblemException refused = await Assert.ThrowsAsync<AcmeProblemException>(() => PostAsync(v, "{\"channel\": \"sms\"}", Context("12025550003")));
        Assert.Equal("tn-callback-01/account", refused.Problem.Limit);
        Assert.Equal(429, refused.Problem.Status);
        Assert.Equal(360, refused.Problem.RetryAfterSeconds);

        // Another account is not held back.
        _secret = null;
        await PostAsync(v, "{\"channel\": \"sms\"}", Context("12025550003", "acct-2"));
    }

    [Theory]
    [InlineData("19005550100", "1900")]
    [InlineData("19765550100", "1976")]
    [InlineData("44909123456", "44909")]
    [InlineData("12345", "short code")]
    [InlineData("1202555*100", "'*' or '#'")]
    public async Task Denied_numbers_are_never_sent_anything(string number, string reason)
    {
        TnCallbackChallengeValidator v = Validator(new TnCallbackOptions { DeniedPrefixes = ["1900", "1976", "44909"] });
        AcmeProblemException e = await Assert.ThrowsAsync<AcmeProblemException>(() => PostAsync(v, "{\"channel\": \"sms\"}", Context(number)));
        Assert.Equal(AcmeErrorType.RejectedIdentifier, e.Problem.Type);
        Assert.Contains(reason, e.Problem.Detail, StringComparison.Ordinal);
        Assert.Empty(_delivery.Sent);
    }

    [Fact]
    public async Task A_failed_delivery_is_the_challenges_error_and_does_not_spend_a_delivery()
    {
        TnCallbackChallengeValidator v = Validator(new TnCallbackOptions { MaxDeliveriesPerAuthorization = 1 });
        _delivery.FailWith = new CallbackDeliveryException("the provider answered HTTP 503 after 3 attempt(s)", retryable: true);
        ChallengeOutcome failed = await PostAsync(v, "{\"channel\": \"sms\"}");
        Assert.Equal(ChallengeOutcomeKind.Pending, failed.Kind);
        Assert.Equal(AcmeErrorType.Connection, failed.Error!.Type);
        Assert.Contains("recorder", failed.Error.Detail, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", failed.Error.Detail, StringComparison.Ordinal);

        _delivery.FailWith = null;
        await PostAsync(v, "{\"channel\": \"sms\"}");
        Assert.Equal(ChallengeOutcomeKind.Valid, (await AnswerAsync(v, _delivery.Sent[0].Code)).Kind);
    }

    [Fact]
    public async Task Only_channels_the_delivery_carries_are_offered()
    {
        var smsOnly = new RecordingDelivery { Channels = ["sms"] };
        var v = new TnCallbackChallengeValidator(new TnCallbackOptions(), smsOnly, _limits, _time);
        Assert.Equal(["sms"], v.ListAttributes(Identifier(TnAuthList.Create(TnEntry.OfNumber(Number))))["channels"]);
        AcmeProblemException e = await Assert.ThrowsAsync<AcmeProblemException>(() => PostAsync(v, "{\"channel\": \"voice\"}"));
        Assert.Equal(AcmeErrorType.Malformed, e.Problem.Type);
        Assert.Throws<ArgumentException>(() => new TnCallbackChallengeValidator(new TnCallbackOptions { Channels = ["voice"] }, smsOnly, _limits, _time));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"channel\": \"SMS\"}")]
    [InlineData("{\"channel\": \"\"}")]
    [InlineData("{\"channel\": true}")]
    [InlineData("{\"channel\": {\"sms\": 1}}")]
    [InlineData("{\"response\": null}")]
    [InlineData("{\"response\": \"\"}")]
    [InlineData("{\"response\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\"}")]
    [InlineData("{\"response\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}")]
    [InlineData("{\"response\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/\"}")]
    [InlineData("{\"response\": \"x\", \"channel\": \"sms\"}")]
    public async Task Hostile_payloads_are_malformed(string json)
    {
        TnCallbackChallengeValidator v = Validator();
        AcmeProblemException e = await Assert.ThrowsAsync<AcmeProblemException>(() => PostAsync(v, json));
        Assert.Equal(AcmeErrorType.Malformed, e.Problem.Type);
        Assert.Empty(_delivery.Sent);
    }

    [Fact]
    public async Task Unknown_members_are_ignored()
    {
        TnCallbackChallengeValidator v = Validator();
        ChallengeOutcome outcome = await PostAsync(v, "{\"channel\": \"sms\", \"number\": \"19005550100\", \"extra\": [1, 2]}");
        Assert.Equal(ChallengeOutcomeKind.Pending, outcome.Kind);
        Assert.Equal(Number, _delivery.Sent[0].Number);
    }

    [Fact]
    public void Codes_are_uniform_digits_and_the_comparison_is_exact()
    {
        var counts = new int[10];
        for (int i = 0; i < 1000; i++)
        {
            foreach (char c in CallbackCode.New(8))
            {
                counts[c - '0']++;
            }
        }

        Assert.All(counts, n => Assert.InRange(n, 650, 950));
        byte[] expected = CallbackCode.ExpectedDigest("12345678", "part2", new byte[32]);
        Assert.True(CallbackCode.Matches(expected, (byte[])expected.Clone()));
        byte[] flipped = (byte[])expected.Clone();
        flipped[31] ^= 1;
        Assert.False(CallbackCode.Matches(expected, flipped));
    }

    [Fact]
    public void Options_problems_are_named()
    {
        Assert.Empty(new TnCallbackOptions().Problems());
        IReadOnlyList<string> problems = new TnCallbackOptions { Channels = ["fax"], CodeDigits = 4, MaxAttempts = 0, DeniedPrefixes = ["+1900"], Delivery = "pigeon" }.Problems();
        Assert.Equal(5, problems.Count);
    }
}
