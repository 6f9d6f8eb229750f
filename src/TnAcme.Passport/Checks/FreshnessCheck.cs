using System.Globalization;
using N = TnAcme.Passport.PassportCheckNames;

namespace TnAcme.Passport.Checks;

/// <summary>RFC 8224 §6.2 step 4: iat must be recent (sixty seconds recommended), in either direction.</summary>
internal static class FreshnessCheck
{
    public static PassportCheck Run(ParsedPassport p, PassportVerificationOptions options)
    {
        if (!ClaimsCheck.TryGetIat(p.Payload, out long iat, out string? problem))
        {
            return options.MaxAge is null
                ? new PassportCheck(N.Freshness, PassportCheckOutcome.Skipped, "freshness not checked (turned off)")
                : PassportCheck.Fail(N.Freshness, problem!);
        }

        string when = DateTimeOffset.FromUnixTimeSeconds(Math.Min(iat, 253402300799)).ToString("u", CultureInfo.InvariantCulture);
        if (options.MaxAge is not { } maxAge)
        {
            return new PassportCheck(N.Freshness, PassportCheckOutcome.Skipped, $"freshness not checked (turned off); iat is {when}");
        }

        long now = options.Time.GetUtcNow().ToUnixTimeSeconds();
        long age = now - iat;
        long limit = (long)maxAge.TotalSeconds;
        if (age > limit)
        {
            return PassportCheck.Fail(N.Freshness, $"iat {when} is {age} s old; at most {limit} s is accepted");
        }

        if (-age > limit)
        {
            return PassportCheck.Fail(N.Freshness, $"iat {when} is {-age} s in the future; at most {limit} s of clock skew is accepted");
        }

        return PassportCheck.Pass(N.Freshness, $"iat {when} is {Math.Abs(age)} s {(age >= 0 ? "old" : "ahead")} (limit {limit} s)");
    }
}
