using TnAcme.Stir;

namespace TnAcme.Acme.Policy;

/// <summary>
/// What a certificate may be when a given challenge type proved its numbers (configuration
/// "Acme:IssuanceByChallenge:&lt;type&gt;"). RFC 8226 §5.1: proof-of-possession enrollees may get narrower
/// permissions than carriers holding a token, so relying parties can tell the two apart by the claim constraints.
/// </summary>
public sealed record ChallengeIssuancePolicy
{
    /// <summary>Profiles allowed after this challenge type; null or empty allows any.</summary>
    public string[]? Profiles { get; set; }

    /// <summary>JWT claims every PASSporT signed with the certificate must carry.</summary>
    public string[]? MustInclude { get; set; }

    /// <summary>Claims such PASSporTs must not carry (RFC 9118 eJWTClaimConstraints; never iat, orig, dest).</summary>
    public string[]? MustExclude { get; set; }

    /// <summary>Claim → the values it may take (RFC 8226 permittedValues).</summary>
    public Dictionary<string, string[]>? PermittedValues { get; set; }

    public bool HasClaimConstraints => MustInclude is { Length: > 0 } || MustExclude is { Length: > 0 } || PermittedValues is { Count: > 0 };

    /// <summary>
    /// The extension to write: RFC 9118's when mustExclude is needed (only it can say so), else RFC 8226's (better
    /// supported); never both (RFC 9118 §6).
    /// </summary>
    /// <exception cref="StirDecodeException">A claim name or value the extension cannot carry.</exception>
    public (JwtClaimConstraints? Jwt, EnhancedJwtClaimConstraints? Enhanced) ClaimConstraints()
    {
        if (!HasClaimConstraints)
        {
            return (null, null);
        }

        string[]? include = MustInclude is { Length: > 0 } ? MustInclude : null;
        List<JwtClaimValues>? permitted = PermittedValues is { Count: > 0 }
            ? PermittedValues.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new JwtClaimValues(p.Key, p.Value)).ToList()
            : null;
        if (MustExclude is { Length: > 0 } exclude)
        {
            var enhanced = new EnhancedJwtClaimConstraints(include, permitted, exclude);
            return enhanced.ExcludesBaselineClaim
                ? throw new StirDecodeException(StirDecodeError.InvalidClaimName, "mustExclude may not name iat, orig or dest (RFC 9118 §3): relying parties would ignore the whole extension")
                : (null, enhanced);
        }

        return (new JwtClaimConstraints(include, permitted), null);
    }
}
