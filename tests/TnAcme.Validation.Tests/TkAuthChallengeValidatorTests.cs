using System.Text.Json;
using System.Text.Json.Nodes;
using TnAcme.Acme;
using TnAcme.Acme.Validation;
using TnAcme.Stir;
using TnAcme.Validation.AuthorityToken;
using TnAcme.Validation.Tests.AuthorityToken.Support;

namespace TnAcme.Validation.Tests;

/// <summary>tkauth-01 with the jti spent by the challenge's outcome (<see cref="DeferredJtiReplayStore"/>).</summary>
public sealed class TkAuthChallengeValidatorTests(TokenAuthorityFixture fx) : IClassFixture<TokenAuthorityFixture>, IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose() => _owned.ForEach(d => d.Dispose());

    [Fact]
    public async Task A_valid_token_spends_its_jti_with_the_outcome_and_records_nothing_itself()
    {
        TkAuthChallengeValidator validator = Deferred();
        JsonObject payload = TokenMinter.Payload(jti: "5b0c3c52-7f3e-4a39-9d3c-0a4b5e6f7a81");
        string token = Mint(payload);

        ChallengeOutcome outcome = await validator.ValidateAsync(Context(), Response(token), CancellationToken.None);

        Assert.True(outcome.IsValid);
        Assert.NotNull(outcome.Spends);
        Assert.StartsWith(DeferredJtiReplayStore.ScopePrefix, outcome.Spends.Scope, StringComparison.Ordinal);
        Assert.Equal("5b0c3c52-7f3e-4a39-9d3c-0a4b5e6f7a81", outcome.Spends.Value);
        Assert.True(outcome.Spends.KeepUntil >= DateTimeOffset.FromUnixTimeSeconds((long)payload["exp"]!));
        Assert.Contains("'Replayed'", outcome.AlreadyUsedError!.Detail, StringComparison.Ordinal);

        // Nothing was recorded by the validation itself: the same token validates again (the store refuses the spend).
        ChallengeOutcome again = await validator.ValidateAsync(Context(), Response(token), CancellationToken.None);
        Assert.True(again.IsValid);
        Assert.Equal(outcome.Spends, again.Spends);
    }

    [Fact]
    public async Task A_token_failing_a_check_spends_nothing()
    {
        JsonObject payload = TokenMinter.Payload();
        payload["atc"]!["fingerprint"] = "SHA256 00:11";

        ChallengeOutcome outcome = await Deferred().ValidateAsync(Context(), Response(Mint(payload)), CancellationToken.None);

        Assert.Equal(ChallengeOutcomeKind.Invalid, outcome.Kind);
        Assert.Null(outcome.Spends);
    }

    [Fact]
    public async Task Without_the_deferred_store_the_verifier_records_the_jti_itself()
    {
        var validator = new TkAuthChallengeValidator(new AuthorityTokenVerifier(fx.Options(), Fetcher()));
        string token = Mint(TokenMinter.Payload());

        ChallengeOutcome first = await validator.ValidateAsync(Context(), Response(token), CancellationToken.None);
        ChallengeOutcome second = await validator.ValidateAsync(Context(), Response(token), CancellationToken.None);

        Assert.True(first.IsValid);
        Assert.Null(first.Spends);
        Assert.Equal(ChallengeOutcomeKind.Invalid, second.Kind);
        Assert.Contains("'Replayed'", second.Error!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deferred_store_refuses_outside_a_validation()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new DeferredJtiReplayStore().TryRecordAsync("key", "jti", DateTimeOffset.UtcNow, CancellationToken.None));
    }

    private TkAuthChallengeValidator Deferred()
    {
        var jti = new DeferredJtiReplayStore();
        return new TkAuthChallengeValidator(new AuthorityTokenVerifier(fx.Options(), Fetcher(), jti), deferredJti: jti);
    }

    private HttpsX5uFetcher Fetcher()
    {
        HttpsX5uFetcher fetcher = fx.Fetcher(fx.Options());
        _owned.Add(fetcher);
        return fetcher;
    }

    private string Mint(JsonObject payload) => TokenMinter.Sign(TokenMinter.Header(fx.ChainUrl), payload, fx.Authority.SignerKey);

    private static JsonElement Response(string token) => JsonDocument.Parse(new JsonObject { ["tkauth"] = token }.ToJsonString()).RootElement;

    private static ChallengeContext Context()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var challenge = new Challenge { Id = "a-0", Type = TkAuthChallengeValidator.ChallengeType, Token = Ids.Token() };
        var authorization = new Authorization
        {
            Id = "a",
            AccountId = "acct",
            Identifier = new AcmeIdentifier(TnAuthListIdentifier.IdentifierType, Base64Url.Encode(TokenMinter.Spc818H.ToDer())),
            Expires = now.AddHours(1),
            Challenges = [challenge],
        };
        var account = new Account { Id = "acct", KeyJwk = "{}", KeyThumbprint = TokenMinter.ThumbprintBase64Url };
        return new ChallengeContext(account, authorization, challenge, Base64Url.Decode(TokenMinter.ThumbprintBase64Url));
    }
}
