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
    private readonly IReadOnlyDictionary<string, string> _attributes;

    public TkAuthChallengeValidator(AuthorityTokenVerifier verifier, string? tokenAuthorityUrl = null)
    {
        _verifier = verifier;
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
        try
        {
            VerifiedAuthorityToken verified = await _verifier.VerifyAsync(token, expected, cancellationToken);
            return ChallengeOutcome.Valid(verified.Ca, verified.ExpiresAt);
        }
        catch (AuthorityTokenException e)
        {
            return ChallengeOutcome.Invalid(new AcmeProblem
            {
                Type = ProblemTypeFor(e.Check),
                Detail = $"Authority Token check '{e.Check}' failed: {e.Detail}",
                Status = 403,
            });
        }
    }

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
