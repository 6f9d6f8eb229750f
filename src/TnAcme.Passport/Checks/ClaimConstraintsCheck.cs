using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using TnAcme.Stir;
using N = TnAcme.Passport.PassportCheckNames;

namespace TnAcme.Passport.Checks;

/// <summary>
/// RFC 8226 §8 JWTClaimConstraints and RFC 9118 EnhancedJWTClaimConstraints in the signing certificate:
/// mustInclude claims are present, a present claim named in permittedValues equals one listed value exactly,
/// mustExclude claims are absent. An eJWT extension whose mustExclude names iat, orig or dest is treated as absent
/// (RFC 9118 §3). String claims compare as strings; other JSON values in their RFC 8225 §9 deterministic form.
/// </summary>
internal static class ClaimConstraintsCheck
{
    private const string Jwt = "JWTClaimConstraints";
    private const string Ejwt = "EnhancedJWTClaimConstraints";

    public static PassportCheck Run(ParsedPassport p, X509Certificate2 leaf)
    {
        X509Extension? jwtExt = leaf.Extensions[StirOids.JwtClaimConstraints];
        X509Extension? ejwtExt = leaf.Extensions[StirOids.EnhancedJwtClaimConstraints];
        if (jwtExt is null && ejwtExt is null)
        {
            return PassportCheck.Pass(N.ClaimConstraints, "the certificate carries no claim constraints");
        }

        var problems = new List<string>();
        var notes = new List<string>();
        if (jwtExt is not null)
        {
            try
            {
                JwtClaimConstraints c = JwtClaimConstraints.Decode(jwtExt.RawData);
                Apply(p.Payload, c.MustInclude, c.PermittedValues, default, Jwt, problems);
                notes.Add(Describe(Jwt, c.MustInclude, c.PermittedValues, default));
            }
            catch (StirDecodeException e)
            {
                problems.Add($"the certificate's {Jwt} cannot be decoded: {e.Message}");
            }
        }

        if (ejwtExt is not null)
        {
            try
            {
                EnhancedJwtClaimConstraints c = EnhancedJwtClaimConstraints.Decode(ejwtExt.RawData);
                if (c.ExcludesBaselineClaim)
                {
                    notes.Add($"{Ejwt} ignored: its mustExclude lists {string.Join(", ", c.MustExclude.Where(EnhancedJwtClaimConstraints.BaselineClaims.Contains))}, so RFC 9118 §3 treats the extension as absent");
                }
                else
                {
                    Apply(p.Payload, c.MustInclude, c.PermittedValues, c.MustExclude, Ejwt, problems);
                    notes.Add(Describe(Ejwt, c.MustInclude, c.PermittedValues, c.MustExclude));
                }
            }
            catch (StirDecodeException e)
            {
                problems.Add($"the certificate's {Ejwt} cannot be decoded: {e.Message}");
            }
        }

        if (jwtExt is not null && ejwtExt is not null)
        {
            notes.Add($"the certificate carries both {Jwt} and {Ejwt}, which RFC 9118 §6 forbids; both were enforced");
        }

        return problems.Count == 0
            ? PassportCheck.Pass(N.ClaimConstraints, "claims satisfy " + string.Join("; ", notes))
            : PassportCheck.Fail(N.ClaimConstraints, string.Join("; ", problems));
    }

    private static void Apply(
        JsonObject payload,
        ImmutableArray<string> mustInclude,
        ImmutableArray<JwtClaimValues> permittedValues,
        ImmutableArray<string> mustExclude,
        string extension,
        List<string> problems)
    {
        foreach (string claim in mustInclude.IsDefault ? [] : mustInclude)
        {
            if (!payload.ContainsKey(claim))
            {
                problems.Add($"claim '{claim}' is absent, but the certificate's {extension} mustInclude requires it");
            }
        }

        foreach (JwtClaimValues permitted in permittedValues.IsDefault ? [] : permittedValues)
        {
            if (!payload.TryGetPropertyValue(permitted.Claim, out JsonNode? value))
            {
                continue;
            }

            string? text = Comparable(value);
            if (text is null || !permitted.Values.Contains(text, StringComparer.Ordinal))
            {
                problems.Add($"claim '{permitted.Claim}' is {value?.ToJsonString() ?? "null"}, which is not among the values the certificate's {extension} permits [{string.Join(", ", permitted.Values.Select(Quote))}]");
            }
        }

        foreach (string claim in mustExclude.IsDefault ? [] : mustExclude)
        {
            if (payload.ContainsKey(claim))
            {
                problems.Add($"claim '{claim}' is present, but the certificate's {extension} mustExclude forbids it");
            }
        }
    }

    /// <summary>A string claim as itself; anything else in RFC 8225 §9 form; null when it has none (a fraction).</summary>
    private static string? Comparable(JsonNode? value)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }

        try
        {
            return CanonicalJson.Serialize(value);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Describe(string extension, ImmutableArray<string> include, ImmutableArray<JwtClaimValues> permitted, ImmutableArray<string> exclude)
    {
        var parts = new List<string>();
        if (!include.IsDefault)
        {
            parts.Add($"mustInclude [{string.Join(", ", include)}]");
        }

        if (!permitted.IsDefault)
        {
            parts.Add($"permittedValues [{string.Join(", ", permitted.Select(v => $"{v.Claim}: {string.Join("|", v.Values.Select(Quote))}"))}]");
        }

        if (!exclude.IsDefault)
        {
            parts.Add($"mustExclude [{string.Join(", ", exclude)}]");
        }

        return $"{extension} {string.Join(", ", parts)}";
    }

    private static string Quote(string s) => CanonicalJson.Serialize(JsonValue.Create(s));
}
