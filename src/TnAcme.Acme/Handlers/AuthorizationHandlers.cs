using System.Text.Json;
using TnAcme.Acme.Problems;
using TnAcme.Acme.Protocol;
using TnAcme.Acme.Stores;
using TnAcme.Acme.Validation;

namespace TnAcme.Acme.Handlers;

/// <summary>Authorizations (read, deactivate, pre-authorize) and challenges (read, respond) — RFC 8555 §7.5, §7.4.1.</summary>
public sealed class AuthorizationHandlers
{
    private readonly AcmeContext _c;
    private readonly AuthorizationFactory _factory;

    public AuthorizationHandlers(AcmeContext context)
    {
        _c = context;
        _factory = new AuthorizationFactory(context);
    }

    public async Task<AcmeResponse> NewAuthzAsync(AuthenticatedRequest request, CancellationToken ct)
    {
        Account account = request.RequireAccount();
        JsonElement payload = request.PayloadObject();
        if (!payload.TryGetProperty("identifier", out JsonElement idElement))
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("newAuthz needs \"identifier\""));
        }

        AcmeIdentifier identifier = Payload.Identifier(idElement, "identifier");
        Policy.OrderPolicy.CheckIdentifiers([identifier]);
        Authorization authz = _factory.NewPending(account.Id, identifier, _c.Now);
        await _c.Authorizations.CreateAsync(authz, ct);
        return AcmeResponse.FromJson(_c.Writer.Authorization(authz), 201, _c.Urls.Authorization(authz.Id));
    }

    public async Task<AcmeResponse> AuthorizationAsync(AuthenticatedRequest request, string id, CancellationToken ct)
    {
        Account account = request.RequireAccount();
        Authorization authz = (await _c.Authorizations.GetAsync(id, ct)).OwnedBy(account.Id, a => a.AccountId, "authorization");
        authz = await ExpireIfDueAsync(authz, ct);
        if (request.IsPostAsGet)
        {
            return AcmeResponse.FromJson(_c.Writer.Authorization(authz));
        }

        JsonElement payload = request.PayloadObject();
        if (Payload.String(payload, "status") != "deactivated")
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("an authorization can only be updated with {\"status\": \"deactivated\"}"));
        }

        if (authz.Status is not (AuthorizationStatus.Pending or AuthorizationStatus.Valid))
        {
            throw new AcmeProblemException(AcmeProblem.Malformed($"a {StatusNames.Of(authz.Status)} authorization cannot be deactivated"));
        }

        Authorization deactivated = authz with { Status = AuthorizationStatus.Deactivated, Challenges = WithoutSecrets(authz.Challenges) };
        if (!await _c.Authorizations.TryUpdateAsync(deactivated, authz.Status, ct))
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("the authorization changed meanwhile; fetch it and retry"));
        }

        return AcmeResponse.FromJson(_c.Writer.Authorization(deactivated));
    }

    public async Task<AcmeResponse> ChallengeAsync(AuthenticatedRequest request, string challengeId, CancellationToken ct)
    {
        Account account = request.RequireAccount();
        Authorization authz = (await _c.Authorizations.GetByChallengeAsync(challengeId, ct)).OwnedBy(account.Id, a => a.AccountId, "challenge");
        authz = await ExpireIfDueAsync(authz, ct);
        Challenge challenge = authz.Challenges.FirstOrDefault(c => c.Id == challengeId) ?? throw new AcmeProblemException(AcmeProblem.NotFound("challenge"));
        if (request.IsPostAsGet || challenge.Status != ChallengeStatus.Pending || authz.Status != AuthorizationStatus.Pending)
        {
            return ChallengeResponse(authz, challenge);
        }

        IChallengeValidator validator = _c.Validators[challenge.Type] ?? throw new AcmeProblemException(AcmeProblem.ServerInternal($"challenge type {challenge.Type} is no longer configured"));
        JsonElement response = request.PayloadObject();
        ChallengeOutcome outcome = await validator.ValidateAsync(new ChallengeContext(account, authz, challenge, request.Key.Thumbprint()), response, ct);

        if (outcome.Kind == ChallengeOutcomeKind.Pending)
        {
            return await StayPendingAsync(authz, challenge, outcome, ct);
        }

        (Authorization updated, Challenge done) = Conclude(authz, challenge, outcome);
        ReplaceOutcome stored = outcome.Spends is { } spent
            ? await _c.Authorizations.TryReplaceSpendingAsync(updated, authz, spent, ct)
            : await ReplaceAsync(updated, authz, ct);
        if (stored == ReplaceOutcome.AlreadyUsed)
        {
            // The proof was spent before (or by a concurrent request): the challenge fails as a reused proof does.
            (updated, done) = Conclude(authz, challenge, ChallengeOutcome.Invalid(outcome.AlreadyUsedError!));
            stored = await ReplaceAsync(updated, authz, ct);
        }

        // On the revision, not only the status: a multi-step challenge's earlier step may have changed it meanwhile.
        if (stored != ReplaceOutcome.Replaced)
        {
            Authorization current = (await _c.Authorizations.GetAsync(authz.Id, ct))!;
            return ChallengeResponse(current, current.Challenges.First(c => c.Id == challengeId));
        }

        return ChallengeResponse(updated, done);
    }

    private async Task<ReplaceOutcome> ReplaceAsync(Authorization updated, Authorization read, CancellationToken ct) =>
        await _c.Authorizations.TryReplaceAsync(updated, read, ct) ? ReplaceOutcome.Replaced : ReplaceOutcome.Changed;

    /// <summary>The authorization and challenge a valid or invalid outcome makes of the pending ones.</summary>
    private (Authorization Authorization, Challenge Challenge) Conclude(Authorization authz, Challenge challenge, ChallengeOutcome outcome)
    {
        DateTimeOffset now = _c.Now;
        if (!outcome.IsValid)
        {
            Challenge failed = challenge with { Status = ChallengeStatus.Invalid, Error = outcome.Error, Secret = null };
            return (authz with { Status = AuthorizationStatus.Invalid, Challenges = Replace(authz.Challenges, failed) }, failed);
        }

        Challenge done = challenge with { Status = ChallengeStatus.Valid, Validated = now, Error = null, Secret = null };
        DateTimeOffset expires = now + _c.Options.ValidAuthorizationLifetime;
        if (outcome.AuthorizationLifetime is { } lifetime && now + lifetime < expires)
        {
            expires = now + lifetime;
        }

        if (outcome.ProofExpires is { } proofEnd && proofEnd < expires)
        {
            expires = proofEnd;
        }

        Authorization updated = authz with
        {
            Status = AuthorizationStatus.Valid,
            Expires = expires,
            GrantedCa = outcome.GrantedCa,
            ProofExpires = outcome.ProofExpires,
            Challenges = Replace(authz.Challenges, done),
        };
        return (updated, done);
    }

    /// <summary>
    /// A step of a multi-step challenge: persist its state (compare-and-set on the revision, so two concurrent steps
    /// cannot both count as one), record its error in the challenge, and answer the error as a problem document.
    /// </summary>
    private async Task<AcmeResponse> StayPendingAsync(Authorization authz, Challenge challenge, ChallengeOutcome outcome, CancellationToken ct)
    {
        Challenge next = challenge with { Secret = outcome.Secret, Error = outcome.Error };
        Authorization updated = authz with { Challenges = Replace(authz.Challenges, next) };
        if (!await _c.Authorizations.TryReplaceAsync(updated, authz, ct))
        {
            throw new AcmeProblemException(new AcmeProblem
            {
                Type = AcmeErrorType.Malformed,
                Detail = "the challenge changed meanwhile (another request on it); fetch it and retry",
                Status = 409,
                RetryAfterSeconds = 1,
            });
        }

        if (outcome.Error is { } error)
        {
            throw new AcmeProblemException(error);
        }

        return ChallengeResponse(updated, next);
    }

    private AcmeResponse ChallengeResponse(Authorization authz, Challenge challenge)
    {
        var response = AcmeResponse.FromJson(_c.Writer.Challenge(challenge));
        response.Links.Add((_c.Urls.Authorization(authz.Id), "up"));
        return response;
    }

    /// <summary>A challenge's private state (e.g. a code sent by SMS) has no use once its authorization has ended.</summary>
    private static List<Challenge> WithoutSecrets(IReadOnlyList<Challenge> challenges) =>
        challenges.Select(c => c.Secret is null ? c : c with { Secret = null }).ToList();

    private static List<Challenge> Replace(IReadOnlyList<Challenge> challenges, Challenge done) =>
        challenges.Select(c => c.Id == done.Id ? done : c).ToList();

    private async Task<Authorization> ExpireIfDueAsync(Authorization authz, CancellationToken ct)
    {
        if (authz.Status is AuthorizationStatus.Pending or AuthorizationStatus.Valid && authz.Expires <= _c.Now)
        {
            Authorization expired = authz with { Status = AuthorizationStatus.Expired, Challenges = WithoutSecrets(authz.Challenges) };
            return await _c.Authorizations.TryUpdateAsync(expired, authz.Status, ct) ? expired : (await _c.Authorizations.GetAsync(authz.Id, ct))!;
        }

        return authz;
    }
}
