using System.Text.Json;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>The JOSE header members the verifier acts on: <c>alg</c>, <c>typ</c>, <c>crit</c>, <c>x5u</c> / <c>x5c</c>.</summary>
internal sealed class JoseHeader
{
    public const string RequiredAlgorithm = "ES256";

    private JoseHeader(Uri? x5u, IReadOnlyList<byte[]>? x5c)
    {
        X5u = x5u;
        X5c = x5c;
    }

    /// <summary>Set when the header names the signer by URL.</summary>
    public Uri? X5u { get; }

    /// <summary>Set when the header carries the chain: DER certificates, leaf first.</summary>
    public IReadOnlyList<byte[]>? X5c { get; }

    /// <summary>RFC 8725 §3.1: the algorithm is fixed by this profile, never taken from the token.</summary>
    public static void CheckAlgorithm(JsonElement header)
    {
        if (!header.TryGetProperty("alg", out JsonElement alg))
        {
            throw Fail(AuthorityTokenCheck.Algorithm, "the token header has no alg; ES256 is required");
        }

        if (alg.ValueKind != JsonValueKind.String)
        {
            throw Fail(AuthorityTokenCheck.Algorithm, "the token header's alg is not a string; ES256 is required");
        }

        string value = JsonStrings.Get(alg, "the token header's alg");
        if (value == RequiredAlgorithm)
        {
            return;
        }

        string why = value.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? "unsigned tokens (alg none) are refused"
            : value.StartsWith("HS", StringComparison.OrdinalIgnoreCase)
                ? $"{Printable(value)} is a shared-secret MAC, which cannot identify a token authority"
                : $"{Printable(value)} is not accepted";
        throw Fail(AuthorityTokenCheck.Algorithm, $"the token alg must be ES256 (RFC 9447 §4): {why}");
    }

    public static JoseHeader Read(JsonElement header, int maxCertificates)
    {
        if (header.TryGetProperty("typ", out JsonElement typ))
        {
            string? value = typ.ValueKind == JsonValueKind.String ? JsonStrings.Get(typ, "the token header's typ") : null;
            if (value is null
                || !(value.Equals("JWT", StringComparison.OrdinalIgnoreCase) || value.Equals("application/jwt", StringComparison.OrdinalIgnoreCase)))
            {
                throw Fail(AuthorityTokenCheck.Malformed, $"the token header's typ is {Describe(typ)}; an Authority Token is a JWT (typ \"JWT\" or absent)");
            }
        }

        if (header.TryGetProperty("crit", out _))
        {
            throw Fail(AuthorityTokenCheck.Malformed, "the token header lists crit extensions, none of which are supported (RFC 7515 §4.1.11)");
        }

        bool hasX5u = header.TryGetProperty("x5u", out JsonElement x5u);
        bool hasX5c = header.TryGetProperty("x5c", out JsonElement x5c);
        if (hasX5u && hasX5c)
        {
            throw Fail(AuthorityTokenCheck.Malformed, "the token header carries both x5u and x5c; exactly one must name the signer certificate");
        }

        if (!hasX5u && !hasX5c)
        {
            string extra = header.TryGetProperty("jwk", out _) || header.TryGetProperty("kid", out _)
                ? " (a jwk or kid is not a token-authority certificate)"
                : string.Empty;
            throw Fail(AuthorityTokenCheck.Malformed, $"the token header has neither x5u nor x5c naming the signer certificate{extra}");
        }

        return hasX5u ? new JoseHeader(ReadX5u(x5u), null) : new JoseHeader(null, ReadX5c(x5c, maxCertificates));
    }

    private static Uri ReadX5u(JsonElement x5u)
    {
        if (x5u.ValueKind != JsonValueKind.String)
        {
            throw Fail(AuthorityTokenCheck.X5u, $"x5u is {Describe(x5u)}, not a URL string");
        }

        string text = JsonStrings.Get(x5u, "x5u");
        if (text.Length > 2048 || !Uri.TryCreate(text, UriKind.Absolute, out Uri? uri))
        {
            throw Fail(AuthorityTokenCheck.X5u, $"x5u '{Printable(text)}' is not an absolute URL");
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            throw Fail(AuthorityTokenCheck.X5u, $"x5u '{Printable(text)}' is not an HTTPS URL (RFC 9448 §6 step 2)");
        }

        return uri;
    }

    private static byte[][] ReadX5c(JsonElement x5c, int maxCertificates)
    {
        if (x5c.ValueKind != JsonValueKind.Array)
        {
            throw Fail(AuthorityTokenCheck.X5c, $"x5c is {Describe(x5c)}, not an array of certificates");
        }

        int count = x5c.GetArrayLength();
        if (count == 0 || count > maxCertificates)
        {
            throw Fail(AuthorityTokenCheck.X5c, $"x5c holds {count} certificates; 1 to {maxCertificates} are accepted");
        }

        var certificates = new byte[count][];
        int i = 0;
        foreach (JsonElement item in x5c.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Fail(AuthorityTokenCheck.X5c, $"x5c[{i}] is {Describe(item)}, not a base64 string");
            }

            string text = JsonStrings.Get(item, $"x5c[{i}]");
            if (text.AsSpan().IndexOfAny("-_") >= 0)
            {
                throw Fail(AuthorityTokenCheck.X5c, $"x5c[{i}] uses the base64url alphabet; RFC 7515 §4.1.6 requires standard base64 of the DER certificate");
            }

            if (!IsStrictStandardBase64(text, out byte[]? der))
            {
                throw Fail(AuthorityTokenCheck.X5c, $"x5c[{i}] is not standard padded base64 (RFC 7515 §4.1.6)");
            }

            certificates[i++] = der!;
        }

        return certificates;
    }

    private static bool IsStrictStandardBase64(string text, out byte[]? bytes)
    {
        bytes = null;
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return false;
        }

        ReadOnlySpan<char> body = text.AsSpan().TrimEnd('=');
        if (text.Length - body.Length > 2
            || body.IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") >= 0)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"\"{Printable(JsonStrings.Get(element, "a header member"))}\"",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "not a value",
    };

    /// <summary>Untrusted text quoted into a problem detail: bounded and without control characters.</summary>
    internal static string Printable(string text)
    {
        string cut = text.Length > 80 ? text[..80] + "…" : text;
        return string.Create(cut.Length, cut, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    private static AuthorityTokenException Fail(AuthorityTokenCheck check, string detail) => new(check, detail);
}
