using N = TnAcme.Passport.PassportCheckNames;

namespace TnAcme.Passport.Checks;

/// <summary>The JOSE header (RFC 8225 §4, §8.1) and, for the Identity header form, its parameters (RFC 8224 §4.1).</summary>
internal static class HeaderChecks
{
    public static PassportCheck Typ(ParsedPassport p) =>
        string.Equals(p.Typ, PassportSigner.Type, StringComparison.OrdinalIgnoreCase)
            ? PassportCheck.Pass(N.Typ, "typ is \"passport\"")
            : PassportCheck.Fail(N.Typ, p.Typ is null ? "the header has no typ; RFC 8225 §4 requires \"passport\"" : $"typ is \"{p.Typ}\", not \"passport\"");

    public static PassportCheck Alg(ParsedPassport p) =>
        p.Alg == PassportSigner.Algorithm
            ? PassportCheck.Pass(N.Alg, "alg is ES256")
            : PassportCheck.Fail(N.Alg, p.Alg is null ? "the header has no alg" : $"alg is \"{p.Alg}\"; only ES256 is accepted");

    public static PassportCheck Ppt(ParsedPassport p, IReadOnlySet<string> supported)
    {
        if (!p.Header.ContainsKey("ppt"))
        {
            return PassportCheck.Pass(N.Ppt, "no ppt: a baseline PASSporT");
        }

        return p.Ppt is { } ppt && supported.Contains(ppt)
            ? PassportCheck.Pass(N.Ppt, $"ppt \"{ppt}\" is supported")
            : PassportCheck.Fail(N.Ppt, $"ppt {p.Header["ppt"]?.ToJsonString()} is not supported here (supported: {string.Join(", ", supported)}); RFC 8225 §8.1 requires failing it");
    }

    /// <summary>Null when the PASSporT did not come in an Identity header.</summary>
    public static PassportCheck? IdentityParameters(ParsedPassport p)
    {
        if (p.Identity is not { } identity)
        {
            return null;
        }

        var problems = new List<string>();
        if (string.IsNullOrEmpty(identity.Info))
        {
            problems.Add("the Identity header has no info parameter (RFC 8224 §4.1)");
        }
        else if (p.X5u is not null && !string.Equals(identity.Info, p.X5u, StringComparison.Ordinal))
        {
            problems.Add($"info <{identity.Info}> is not the PASSporT's x5u <{p.X5u}>");
        }

        if (identity.Alg is not null && identity.Alg != PassportSigner.Algorithm)
        {
            problems.Add($"the alg parameter is \"{identity.Alg}\", not ES256");
        }

        if (identity.Ppt is not null && !string.Equals(identity.Ppt, p.Ppt, StringComparison.Ordinal))
        {
            problems.Add($"the ppt parameter \"{identity.Ppt}\" differs from the PASSporT's ppt \"{p.Ppt ?? "(none)"}\"");
        }
        else if (identity.Ppt is null && p.Ppt is not null)
        {
            problems.Add($"the PASSporT has ppt \"{p.Ppt}\" but the Identity header has no ppt parameter (RFC 8224 §4.1)");
        }

        return problems.Count == 0
            ? PassportCheck.Pass(N.IdentityHeader, $"info <{identity.Info}> matches x5u; alg and ppt parameters agree")
            : PassportCheck.Fail(N.IdentityHeader, string.Join("; ", problems));
    }
}
