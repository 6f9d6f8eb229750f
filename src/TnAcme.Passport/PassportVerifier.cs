using System.Security.Cryptography.X509Certificates;
using TnAcme.Passport.Checks;
using N = TnAcme.Passport.PassportCheckNames;

namespace TnAcme.Passport;

/// <summary>
/// Verifies a PASSporT against the certificate chain the caller obtained (from x5u, a cache or a file): header,
/// claims, ES256 signature, the chain to the caller's trust anchors, iat freshness, orig within the TNAuthList,
/// and the certificate's claim constraints. Every check runs and is reported by name, so one result says
/// everything that is wrong; the PASSporT is valid when none failed.
/// </summary>
public sealed class PassportVerifier
{
    private readonly PassportVerificationOptions _options;

    public PassportVerifier(PassportVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxAge is { } maxAge && maxAge < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxAge must not be negative");
        }

        _options = options;
    }

    /// <param name="passport">A compact JWS or a SIP Identity header value.</param>
    /// <param name="chain">The signing certificate first, then any intermediates.</param>
    public PassportVerificationResult Verify(string passport, IReadOnlyList<X509Certificate2> chain)
    {
        ArgumentNullException.ThrowIfNull(passport);
        ParsedPassport parsed;
        try
        {
            parsed = ParsedPassport.Parse(passport);
        }
        catch (PassportFormatException e)
        {
            return new PassportVerificationResult([PassportCheck.Fail(N.Format, e.Message)], null);
        }

        return Verify(parsed, chain);
    }

    public PassportVerificationResult Verify(ParsedPassport passport, IReadOnlyList<X509Certificate2> chain)
    {
        ArgumentNullException.ThrowIfNull(passport);
        ArgumentNullException.ThrowIfNull(chain);
        var checks = new List<PassportCheck>
        {
            PassportCheck.Pass(N.Format, passport.Identity is null ? "compact JWS" : "SIP Identity header with a compact JWS"),
        };
        if (HeaderChecks.IdentityParameters(passport) is { } identity)
        {
            checks.Add(identity);
        }

        checks.Add(HeaderChecks.Typ(passport));
        checks.Add(HeaderChecks.Alg(passport));
        checks.Add(HeaderChecks.Ppt(passport, _options.SupportedPpts));
        checks.Add(ClaimsCheck.Run(passport));

        if (chain.Count == 0)
        {
            const string none = "no certificate was given";
            checks.Add(PassportCheck.Fail(N.Signature, none));
            checks.Add(PassportCheck.Fail(N.CertificateChain, none));
            checks.Add(FreshnessCheck.Run(passport, _options));
            checks.Add(PassportCheck.Fail(N.Orig, none));
            checks.Add(PassportCheck.Fail(N.ClaimConstraints, none));
            return new PassportVerificationResult(checks, passport);
        }

        X509Certificate2 leaf = chain[0];
        checks.Add(SignatureCheck.Run(passport, leaf));
        var (chainCheck, caPath) = ChainCheck.Run(leaf, chain, _options);
        checks.Add(chainCheck);
        checks.Add(FreshnessCheck.Run(passport, _options));
        checks.Add(OrigCheck.Run(passport, leaf, caPath));
        checks.Add(ClaimConstraintsCheck.Run(passport, leaf));
        return new PassportVerificationResult(checks, passport);
    }
}
