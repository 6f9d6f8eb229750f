using System.Text.Json;
using TnAcme.Acme;
using TnAcme.Acme.Problems;
using TnAcme.Acme.Validation;
using TnAcme.Stir;
using TnAcme.Validation.AuthorityToken;

namespace TnAcme.Validation;

/// <summary>
/// tkauth-01 (RFC 9447) with the TNAuthList profile (RFC 9448): the client posts {"tkauth": JWT}; every one of
/// RFC 9448 §6's checks runs in <see cref="AuthorityTokenVerifier"/>. A response of the wrong shape is refused
/// with an HTTP error and leaves the challenge pending; a token that fails a check makes it invalid.
/// </summary>
public sealed class TkAuthChallengeValidator : IChallengeValidator
{
    public const string ChallengeType = "tkauth-01";

    private readonly AuthorityTokenVerifier _verifier;
    private readonly bool _spendsJti;
    private readonly IReadOnlyDictionary<string, string> _attributes;

    /// <param name="deferredJti">
    /// The replay store <paramref name="verifier"/> records jti in, when it is a <see cref="DeferredJtiReplayStore"/>:
    /// a valid outcome then spends the jti (<see cref="ChallengeOutcome.Spends"/>) in the authorization's own
    /// transaction. Null when the verifier records jti itself.
    /// </param>
    public TkAuthChallengeValidator(AuthorityTokenVerifier verifier, string? tokenAuthorityUrl = null, DeferredJtiReplayStore? deferredJti = null)
    {
        _verifier = verifier;
        _spendsJti = deferredJti is not null;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["tkauth-type"] = "atc" };
        if (tokenAuthorityUrl is not null)
        {
            attributes["token-authority"] = tokenAuthorityUrl;
        }

        _attributes = attributes;
    }

    public string Type => ChallengeType;

    public bool Supports(AcmeIdentifier identifier) => identifier.Type == TnAuthListIdentifier.IdentifierType;

    public IReadOnlyDictionary<string, string> Attributes(AcmeIdentifier identifier) => _attributes;

    public async Task<ChallengeOutcome> ValidateAsync(ChallengeContext context, JsonElement response, CancellationToken cancellationToken)
    {
        string token = ReadToken(response);
        var expected = new AuthorityTokenExpectation(TnAuthListIdentifier.Decode(context.Authorization.Identifier.Value), context.AccountKeyThumbprint);
        using DeferredJtiReplayStore.Capture? capture = _spendsJti ? DeferredJtiReplayStore.Begin() : null;
        try
        {
            VerifiedAuthorityToken verified = await _verifier.VerifyAsync(token, expected, cancellationToken);
            ChallengeOutcome valid = ChallengeOutcome.Valid(verified.Ca, verified.ExpiresAt);
            // Nothing captured: the verifier does not require single use (AuthorityTokenOptions.RequireSingleUseJti).
            return capture?.Spent is { } spent
                ? valid.Spending(spent, Problem(AuthorityTokenCheck.Replayed,
                    $"the token with jti '{JoseHeader.Printable(verified.Jti)}' was already used; request a fresh token from the token authority"))
                : valid;
        }
        catch (AuthorityTokenException e)
        {
            return ChallengeOutcome.Invalid(Problem(e.Check, e.Detail));
        }
    }

    private static AcmeProblem Problem(AuthorityTokenCheck check, string detail) => new()
    {
        Type = ProblemTypeFor(check),
        Detail = $"Authority Token check '{check}' failed: {detail}",
        Status = 403,
    };

    private static string ReadToken(JsonElement response)
    {
        if (response.TryGetProperty("tkauth", out JsonElement tkauth))
        {
            return tkauth.ValueKind == JsonValueKind.String && tkauth.GetString() is { Length: > 0 } jwt
                ? jwt
                : throw new AcmeProblemException(AcmeProblem.Malformed("\"tkauth\" must be the Authority Token as a compact JWT string (RFC 9448 §4)"));
        }

        if (response.TryGetProperty("atc", out _))
        {
            throw new AcmeProblemException(AcmeProblem.Malformed(
                "this is the draft-era {\"atc\": …} response; RFC 9448 §4 defines {\"tkauth\": \"<Authority Token JWT>\"}"));
        }

        throw new AcmeProblemException(AcmeProblem.Malformed("a tkauth-01 response is {\"tkauth\": \"<Authority Token JWT>\"} (RFC 9448 §4)"));
    }

    /// <summary>RFC 9447 defines no error types; this mapping is TnAcme's (docs/divergences.md).</summary>
    private static string ProblemTypeFor(AuthorityTokenCheck check) => check switch
    {
        AuthorityTokenCheck.TokenType or AuthorityTokenCheck.TokenValue => AcmeErrorType.IncorrectResponse,
        AuthorityTokenCheck.Malformed => AcmeErrorType.Malformed,
        AuthorityTokenCheck.X5u => AcmeErrorType.Connection,
        _ => AcmeErrorType.Unauthorized,
    };
}
