using System.Text.Json;
using TnAcme.Acme;
using TnAcme.Acme.Problems;
using TnAcme.Acme.Stores;
using TnAcme.Acme.Validation;
using TnAcme.Stir;

namespace TnAcme.Validation.Callback;

/// <summary>
/// tn-callback-01, TnAcme's private proof of number possession on the pattern of RFC 8823: token-part2 travels in the
/// challenge object, token-part1 (a short code) travels over voice or SMS to the number itself, and the response
/// base64url(SHA-256(part1 || part2 "." thumbprint)) binds both to the account key. Multi-step: a delivery request
/// and responses leave the challenge pending until it succeeds or the attempts run out.
/// Specified in docs/challenges/tn-callback-01.md.
/// </summary>
public sealed class TnCallbackChallengeValidator : IChallengeValidator
{
    public const string ChallengeType = "tn-callback-01";

    private readonly TnCallbackOptions _options;
    private readonly ICallbackDelivery _delivery;
    private readonly IRateLimitStore _limits;
    private readonly TimeProvider _time;
    private readonly NumberDenyList _denyList;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _lists;
    private readonly string[] _channels;

    public TnCallbackChallengeValidator(TnCallbackOptions options, ICallbackDelivery delivery, IRateLimitStore limits, TimeProvider? time = null)
    {
        _options = options;
        _delivery = delivery;
        _limits = limits;
        _time = time ?? TimeProvider.System;
        _denyList = new NumberDenyList(options.EffectiveDeniedPrefixes, options.MinimumNumberDigits);
        _channels = options.EffectiveChannels.Where(c => delivery.Channels.Contains(c)).Distinct(StringComparer.Ordinal).ToArray();
        if (_channels.Length == 0)
        {
            throw new ArgumentException($"the {delivery.Name} delivery carries none of the configured channels ({string.Join(", ", options.EffectiveChannels)})", nameof(delivery));
        }

        _lists = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["channels"] = _channels };
    }

    public string Type => ChallengeType;

    /// <summary>Exactly one <c>one</c> entry: possession of a device proves one number, never a range or an SPC.</summary>
    public bool Supports(AcmeIdentifier identifier) => NumberOf(identifier) is not null;

    public IReadOnlyDictionary<string, string> Attributes(AcmeIdentifier identifier) => new Dictionary<string, string>();

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ListAttributes(AcmeIdentifier identifier) => _lists;

    public Task<ChallengeOutcome> ValidateAsync(ChallengeContext context, JsonElement response, CancellationToken cancellationToken)
    {
        string number = NumberOf(context.Authorization.Identifier)
            ?? throw new AcmeProblemException(AcmeProblem.Malformed("tn-callback-01 proves exactly one telephone number (a TNAuthList with one \"one\" entry)"));
        CallbackState state = CallbackState.Read(context.Secret);
        return CallbackRequest.Read(response, _channels) switch
        {
            CallbackRequest.Deliver d => DeliverAsync(context, number, d.Channel, state, cancellationToken),
            CallbackRequest.Answer a => Task.FromResult(Answer(context, state, a.Digest)),
            _ => throw new InvalidOperationException("unknown request"),
        };
    }

    private async Task<ChallengeOutcome> DeliverAsync(ChallengeContext context, string number, string channel, CallbackState state, CancellationToken ct)
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (_denyList.Reason(number) is { } reason)
        {
            throw CallbackProblems.Denied(number, reason);
        }

        if (state.Deliveries >= _options.MaxDeliveriesPerAuthorization)
        {
            throw CallbackProblems.RateLimited(CallbackProblems.AuthorizationLimit,
                $"this authorization has had its {_options.MaxDeliveriesPerAuthorization} deliveries; create a new order to start again", null, now);
        }

        if (state.Deliveries > 0 && state.LastDelivery + _options.ResendInterval > now)
        {
            throw CallbackProblems.RateLimited(CallbackProblems.ResendLimit,
                $"a code was sent less than {_options.ResendInterval.TotalSeconds:0} s ago", state.LastDelivery + _options.ResendInterval, now);
        }

        RateLimitDecision decision = await _limits.TryAcquireAsync(
        [
            new RateLimitRule(CallbackProblems.NumberLimit, number, _options.MaxDeliveriesPerNumber, _options.NumberWindow),
            new RateLimitRule(CallbackProblems.AccountLimit, context.Account.Id, _options.MaxDeliveriesPerAccount, _options.AccountWindow),
        ], now, ct);
        if (decision.Refused is { } refused)
        {
            string who = refused.Scope == CallbackProblems.NumberLimit ? $"number {number}" : "this account";
            throw CallbackProblems.RateLimited(refused.Scope,
                $"{who} has had {refused.Limit} deliveries within {refused.Window.TotalMinutes:0} minutes", decision.RetryAt, now);
        }

        string code = CallbackCode.New(_options.CodeDigits);
        DateTimeOffset expires = now + _options.CodeLifetime;
        var message = new CallbackMessage(Ids.New(), number, channel, CallbackMessage.TextFor(channel, code, _options.CodeLifetime), code, expires);
        try
        {
            await _delivery.DeliverAsync(message, ct);
        }
        catch (CallbackDeliveryException e)
        {
            // Not counted against this authorization's deliveries (nothing may have been sent), but the rate limits
            // above did count it, so a broken provider cannot be hammered. The old code, if any, stays answerable.
            return ChallengeOutcome.Pending(state.ToSecret(), CallbackProblems.DeliveryFailed(channel, _delivery.Name, e));
        }

        return ChallengeOutcome.Pending((state with
        {
            Part1 = code,
            Channel = channel,
            CodeExpiresMs = expires.ToUnixTimeMilliseconds(),
            LastDeliveryMs = now.ToUnixTimeMilliseconds(),
            Deliveries = state.Deliveries + 1,
        }).ToSecret());
    }

    private ChallengeOutcome Answer(ChallengeContext context, CallbackState state, byte[] digest)
    {
        if (state.Part1 is not { } part1)
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("no code has been sent for this challenge yet: first POST {\"channel\": \"sms\"} or {\"channel\": \"voice\"}"));
        }

        DateTimeOffset now = _time.GetUtcNow();
        if (now >= state.CodeExpires)
        {
            int deliveriesLeft = _options.MaxDeliveriesPerAuthorization - state.Deliveries;
            AcmeProblem expired = CallbackProblems.Expired(state.CodeExpires, deliveriesLeft);
            return deliveriesLeft > 0
                ? ChallengeOutcome.Pending((state with { Part1 = null }).ToSecret(), expired)
                : ChallengeOutcome.Invalid(expired);
        }

        byte[] expected = CallbackCode.ExpectedDigest(part1, context.Challenge.Token, context.AccountKeyThumbprint);
        if (CallbackCode.Matches(expected, digest))
        {
            // Possession proves one number and grants nothing more; the proof is not a token with an expiry, so
            // certificates keep the profile's validity, but the authorization is kept only briefly.
            return ChallengeOutcome.Valid(grantedCa: false, proofExpires: null, _options.AuthorizationLifetime);
        }

        int attempts = state.Attempts + 1;
        int left = _options.MaxAttempts - attempts;
        return left > 0
            ? ChallengeOutcome.Pending((state with { Attempts = attempts }).ToSecret(), CallbackProblems.WrongCode(left))
            : ChallengeOutcome.Invalid(CallbackProblems.WrongCode(0));
    }

    private static string? NumberOf(AcmeIdentifier identifier)
    {
        if (identifier.Type != TnAuthListIdentifier.IdentifierType)
        {
            return null;
        }

        try
        {
            TnAuthList list = TnAuthListIdentifier.Decode(identifier.Value);
            return list.Entries is [OneEntry one] ? one.Number.Value : null;
        }
        catch (StirDecodeException)
        {
            return null;
        }
    }
}
