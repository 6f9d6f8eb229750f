using System.Text.Json;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>
/// The registered claims and <c>atc</c> of an Authority Token, read for shape only (RFC 9448 §6 step 1): a missing
/// required claim or a wrong JSON type is <see cref="AuthorityTokenCheck.Malformed"/>. Values are judged later.
/// </summary>
internal sealed class TokenClaims
{
    public const int MaxJtiLength = 256;

    private static readonly long MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private TokenClaims(
        DateTimeOffset expiresAt,
        DateTimeOffset? notBefore,
        DateTimeOffset? issuedAt,
        string jti,
        string? issuer,
        string tkType,
        string tkValue,
        string fingerprint,
        bool ca)
    {
        ExpiresAt = expiresAt;
        NotBefore = notBefore;
        IssuedAt = issuedAt;
        Jti = jti;
        Issuer = issuer;
        TkType = tkType;
        TkValue = tkValue;
        Fingerprint = fingerprint;
        Ca = ca;
    }

    public DateTimeOffset ExpiresAt { get; }

    public DateTimeOffset? NotBefore { get; }

    public DateTimeOffset? IssuedAt { get; }

    public string Jti { get; }

    public string? Issuer { get; }

    public string TkType { get; }

    public string TkValue { get; }

    public string Fingerprint { get; }

    public bool Ca { get; }

    public static TokenClaims Read(JsonElement payload)
    {
        DateTimeOffset exp = NumericDate(payload, "exp")
            ?? throw Malformed("the token has no exp claim; RFC 9447 §4 requires an expiry");
        DateTimeOffset? nbf = NumericDate(payload, "nbf");
        DateTimeOffset? iat = NumericDate(payload, "iat");

        string jti = OptionalString(payload, "jti", "the token's jti")
            ?? throw Malformed("the token has no jti claim; RFC 9447 §4 requires a unique token id");
        if (jti.Length == 0)
        {
            throw Malformed("the token's jti is empty");
        }

        if (jti.Length > MaxJtiLength)
        {
            throw Malformed($"the token's jti is {jti.Length} characters long; at most {MaxJtiLength} are accepted");
        }

        string? iss = OptionalString(payload, "iss", "the token's iss");

        if (!payload.TryGetProperty("atc", out JsonElement atc))
        {
            throw Malformed("the token has no atc claim (RFC 9447 §4)");
        }

        if (atc.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(atc.ValueKind == JsonValueKind.String
                ? "the token's atc claim is a string; it must be an object {tktype, tkvalue, fingerprint, ca} (RFC 9447 §4)"
                : "the token's atc claim is not a JSON object (RFC 9447 §4)");
        }

        string tktype = OptionalString(atc, "tktype", "atc.tktype") ?? throw Malformed("atc has no tktype (RFC 9448 §5.4)");
        string tkvalue = OptionalString(atc, "tkvalue", "atc.tkvalue") ?? throw Malformed("atc has no tkvalue (RFC 9448 §5.4)");
        string fingerprint = OptionalString(atc, "fingerprint", "atc.fingerprint") ?? throw Malformed("atc has no fingerprint (RFC 9448 §5.4)");

        bool ca = false;
        if (atc.TryGetProperty("ca", out JsonElement caElement))
        {
            ca = caElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Malformed("atc.ca must be a JSON boolean (RFC 9447 §4)"),
            };
        }

        return new TokenClaims(exp, nbf, iat, jti, iss, tktype, tkvalue, fingerprint, ca);
    }

    /// <summary>RFC 7519 §2 NumericDate: a JSON number of seconds (fractions allowed, truncated).</summary>
    private static DateTimeOffset? NumericDate(JsonElement payload, string name)
    {
        if (!payload.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw Malformed($"the token's {name} must be a NumericDate (a JSON number of seconds), not {Kind(value)}");
        }

        long seconds;
        if (!value.TryGetInt64(out seconds))
        {
            double d = value.GetDouble();
            if (!double.IsFinite(d) || d < MinSeconds || d > MaxSeconds)
            {
                throw Malformed($"the token's {name} is out of range");
            }

            seconds = (long)Math.Floor(d);
        }

        if (seconds < MinSeconds || seconds > MaxSeconds)
        {
            throw Malformed($"the token's {name} is out of range");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static string? OptionalString(JsonElement obj, string name, string what)
    {
        if (!obj.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? JsonStrings.Get(value, what)
            : throw Malformed($"{what} must be a string, not {Kind(value)}");
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static AuthorityTokenException Malformed(string detail) => new(AuthorityTokenCheck.Malformed, detail);
}
