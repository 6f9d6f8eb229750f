using System.Formats.Asn1;
using TnAcme.Issuance.Profiles;
using TnAcme.Issuance.X509;
using TnAcme.Stir;

namespace TnAcme.Issuance.Linting.Rules;

internal static class TnAuthListFromTbs
{
    /// <summary>The first TNAuthList extension, decoded; null when it is missing or malformed. Decoded once per view.</summary>
    public static TnAuthList? TryRead(TbsCertificateView tbs) => tbs.TnAuthList?.List;

    public static string? FirstServiceProviderCode(TnAuthList list)
    {
        foreach (TnEntry entry in list.Entries)
        {
            if (entry is SpcEntry spc)
            {
                return spc.Code.Value;
            }
        }

        return null;
    }

    public static bool HasServiceProviderCode(TnAuthList list) => FirstServiceProviderCode(list) is not null;
}

/// <summary>RFC 8226 §9: TNAuthList present, well formed, non-empty, and non-critical (verifiers reject critical).</summary>
public sealed class TnAuthListRule : ILintRule
{
    public string Id => "e_tnauthlist";

    public string? Check(LintContext c)
    {
        if (c.Tbs.TnAuthList is not { } decoded)
        {
            return "TNAuthList extension is missing";
        }

        if (decoded.Extension.Critical)
        {
            return "TNAuthList must be non-critical";
        }

        return decoded.Error is null ? null : $"TNAuthList is malformed: {decoded.Error.Message}";
    }
}

public sealed class TnAuthListShapeRule : ILintRule
{
    public string Id => "e_tnauthlist_shape";

    public string? Check(LintContext c)
    {
        if (TnAuthListFromTbs.TryRead(c.Tbs) is not { } list)
        {
            return null;
        }

        switch (c.Profile.TnAuthList)
        {
            case TnAuthListShape.SingleSpc:
                if (list.Entries.Length != 1 || list.Entries[0] is not SpcEntry spc)
                {
                    return $"profile '{c.Profile.Name}' needs exactly one SPC in the TNAuthList, found [{list}]";
                }

                return spc.Code.IsShakenForm ? null : $"SPC '{spc.Code.Value}' must hold only digits and uppercase letters (ATIS-1000080 v005)";
            case TnAuthListShape.NumbersAndRanges:
                return list.IsSpcOnly || TnAuthListFromTbs.HasServiceProviderCode(list)
                    ? $"profile '{c.Profile.Name}' takes numbers and ranges only, found [{list}]"
                    : null;
            default:
                return null;
        }
    }
}

/// <summary>ATIS-1000080 §6.4.1: CN "SHAKEN &lt;SPC&gt;", an alpha-2 C, and an O.</summary>
public sealed class ShakenSubjectRule : ILintRule
{
    public string Id => "e_shaken_subject";

    public string? Check(LintContext c)
    {
        if (!c.Profile.Subject.ShakenRules)
        {
            return null;
        }

        string? country = c.Tbs.SubjectAttribute(X509Oids.Country);
        if (country is null || country.Length != 2 || !char.IsAsciiLetterUpper(country[0]) || !char.IsAsciiLetterUpper(country[1]))
        {
            return "subject must carry C as an ISO 3166-1 alpha-2 code";
        }

        if (string.IsNullOrWhiteSpace(c.Tbs.SubjectAttribute(X509Oids.Organization)))
        {
            return "subject must carry O";
        }

        string? spc = TnAuthListFromTbs.TryRead(c.Tbs) is { } list ? TnAuthListFromTbs.FirstServiceProviderCode(list) : null;
        string? cn = c.Tbs.SubjectAttribute(X509Oids.CommonName);
        return IsShakenCommonName(cn, spc) ? null : $"subject CN is '{cn}', must be exactly 'SHAKEN {spc}'";
    }

    /// <summary><c>cn == $"SHAKEN {spc}"</c> without building the string.</summary>
    private static bool IsShakenCommonName(string? cn, string? spc)
    {
        const string Prefix = "SHAKEN ";
        spc ??= string.Empty;
        return cn is not null && cn.Length == Prefix.Length + spc.Length &&
               cn.StartsWith(Prefix, StringComparison.Ordinal) && cn.AsSpan(Prefix.Length).SequenceEqual(spc);
    }
}

/// <summary>RFC 8226 §8, RFC 9118 §6: non-critical, end-entity only, never both, no baseline claim excluded.</summary>
public sealed class ClaimConstraintsRule : ILintRule
{
    public string Id => "e_claim_constraints";

    public string? Check(LintContext c)
    {
        CertificateExtension? jcc = c.Tbs.Find(StirOids.JwtClaimConstraints);
        CertificateExtension? ejcc = c.Tbs.Find(StirOids.EnhancedJwtClaimConstraints);
        if (jcc is null && ejcc is null)
        {
            return null;
        }

        if (c.Profile.ClaimConstraints == ClaimConstraintsPolicy.Forbidden || c.Profile.IsCa)
        {
            return $"profile '{c.Profile.Name}' does not allow JWT claim constraints";
        }

        if (jcc is not null && ejcc is not null)
        {
            return "JWTClaimConstraints and EnhancedJWTClaimConstraints must not both appear (RFC 9118 §6)";
        }

        if ((jcc ?? ejcc)!.Critical)
        {
            return "JWT claim constraints must be non-critical";
        }

        try
        {
            if (jcc is not null)
            {
                JwtClaimConstraints.Decode(jcc.Value);
            }
            else if (EnhancedJwtClaimConstraints.Decode(ejcc!.Value).ExcludesBaselineClaim)
            {
                return "mustExclude lists iat, orig or dest, which would make relying parties ignore the extension (RFC 9118 §3)";
            }
        }
        catch (StirDecodeException e)
        {
            return $"JWT claim constraints are malformed: {e.Message}";
        }

        return null;
    }
}

/// <summary>RFC 9060 §4: what is issued stays inside what was granted, and inside the issuing CA's own scope.</summary>
public sealed class EncompassedScopeRule : ILintRule
{
    public string Id => "e_tnauthlist_not_encompassed";

    public string? Check(LintContext c)
    {
        if (TnAuthListFromTbs.TryRead(c.Tbs) is not { } list)
        {
            return null;
        }

        if (c.Profile.IsCa && c.AuthorizedScope is null && !c.Inspecting)
        {
            return $"profile '{c.Profile.Name}' issues delegate CAs, which need the scope they were granted";
        }

        if (c.AuthorizedScope is { } scope && !scope.Encompasses(list))
        {
            return $"TNAuthList [{list}] is not encompassed by the granted scope [{scope}]";
        }

        if (c.IssuerTnAuthList is { } parent && !parent.Encompasses(list))
        {
            return $"TNAuthList [{list}] is not encompassed by the issuing CA's [{parent}]";
        }

        return null;
    }
}
