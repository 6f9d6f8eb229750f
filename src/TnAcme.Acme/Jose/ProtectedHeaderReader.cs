using System.Text.Json;
using TnAcme.Acme.Problems;

namespace TnAcme.Acme.Jose;

/// <summary>Reads and checks a JWS protected header (RFC 8555 §6.2, §6.4, §6.5).</summary>
internal static class ProtectedHeaderReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 32 };

    public readonly record struct Header(string Algorithm, string? Nonce, string Url, string? Kid, JsonWebKey? Jwk);

    public static Header Read(byte[] headerJson, bool inner, string what)
    {
        var reader = new Utf8JsonReader(headerJson, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw JoseProblems.Malformed($"the {what} protected header must be a JSON object");
        }

        string? alg = null, nonce = null, url = null, kid = null;
        bool hasAlg = false, hasNonce = false, hasUrl = false, hasKid = false, hasJwk = false;
        int jwkStart = 0, jwkEnd = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("alg"u8))
            {
                Once(ref hasAlg, "alg", what);
                ExpectString(ref reader, "alg", what);
                alg = (reader.ValueIsEscaped ? null : JwsAlgorithms.Known(reader.ValueSpan)) ?? reader.GetString()!;
            }
            else if (reader.ValueTextEquals("nonce"u8))
            {
                Once(ref hasNonce, "nonce", what);
                ExpectString(ref reader, "nonce", what);
                nonce = reader.GetString()!;
            }
            else if (reader.ValueTextEquals("url"u8))
            {
                Once(ref hasUrl, "url", what);
                ExpectString(ref reader, "url", what);
                url = reader.GetString()!;
            }
            else if (reader.ValueTextEquals("kid"u8))
            {
                Once(ref hasKid, "kid", what);
                ExpectString(ref reader, "kid", what);
                kid = reader.GetString()!;
            }
            else if (reader.ValueTextEquals("jwk"u8))
            {
                Once(ref hasJwk, "jwk", what);
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw JoseProblems.Malformed($"the {what} header 'jwk' must be a JSON object");
                }

                jwkStart = (int)reader.TokenStartIndex;
                reader.Skip();
                jwkEnd = (int)reader.BytesConsumed;
            }
            else if (reader.ValueTextEquals("b64"u8))
            {
                throw JoseProblems.Malformed($"the {what} header has 'b64': unencoded payloads (RFC 7797) are not supported");
            }
            else if (reader.ValueTextEquals("crit"u8))
            {
                throw JoseProblems.Malformed($"the {what} header has 'crit': no critical header extensions are supported (RFC 7515 §4.1.11)");
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw JoseProblems.Malformed($"the {what} protected header is not a single JSON object");
        }

        CheckAlgorithm(alg, inner, what);
        if (hasJwk && hasKid)
        {
            throw JoseProblems.Malformed($"the {what} header has both 'jwk' and 'kid'; RFC 8555 §6.2 requires exactly one");
        }

        if (!hasJwk && !hasKid)
        {
            throw JoseProblems.Malformed($"the {what} header has neither 'jwk' nor 'kid'; RFC 8555 §6.2 requires exactly one");
        }

        if (kid is { Length: 0 })
        {
            throw JoseProblems.Malformed($"the {what} header 'kid' is empty");
        }

        if (string.IsNullOrEmpty(url))
        {
            throw JoseProblems.Malformed($"the {what} header has no 'url' (RFC 8555 §6.4)");
        }

        if (inner)
        {
            if (hasNonce)
            {
                throw JoseProblems.Malformed($"the {what} header must not have a 'nonce'");
            }
        }
        else if (nonce is null)
        {
            throw JoseProblems.BadNonce($"the {what} header has no 'nonce' (RFC 8555 §6.5)");
        }
        else if (nonce.Length == 0 || !StrictBase64Url.IsValidText(nonce))
        {
            throw JoseProblems.Malformed($"the {what} header 'nonce' is not base64url without padding (RFC 8555 §6.5.2)");
        }

        JsonWebKey? jwk = null;
        if (hasJwk)
        {
            try
            {
                jwk = JsonWebKey.Parse(headerJson.AsSpan(jwkStart, jwkEnd - jwkStart));
            }
            catch (AcmeProblemException e)
            {
                throw JoseProblems.Prefixed($"the {what} header 'jwk': ", e);
            }

            if (jwk.Algorithm != alg && !JwsAlgorithms.IsMac(alg))
            {
                throw JoseProblems.BadSignatureAlgorithm($"the {what} 'alg' {alg} does not fit its 'jwk', which signs only with {jwk.Algorithm}");
            }
        }

        return new Header(alg!, nonce, url, kid, jwk);
    }

    private static void CheckAlgorithm(string? alg, bool inner, string what)
    {
        if (alg is null)
        {
            throw JoseProblems.Malformed($"the {what} header has no 'alg'");
        }

        if (JwsAlgorithms.IsSupported(alg) || (inner && JwsAlgorithms.IsMac(alg)))
        {
            return;
        }

        throw JoseProblems.BadSignatureAlgorithm(
            alg == "none" ? $"the {what} 'alg' is 'none': unsigned requests are not accepted (RFC 8555 §6.2)"
            : JwsAlgorithms.IsMac(alg) ? $"the {what} 'alg' is the MAC algorithm {alg}: requests must be signed (RFC 8555 §6.2)"
            : $"the {what} 'alg' {JoseProblems.Quote(alg)} is not supported");
    }

    private static void Once(ref bool seen, string name, string what)
    {
        if (seen)
        {
            throw JoseProblems.Malformed($"the {what} header has '{name}' twice (RFC 7515 §4)");
        }

        seen = true;
    }

    private static void ExpectString(ref Utf8JsonReader reader, string name, string what)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            throw JoseProblems.Malformed($"the {what} header '{name}' must be a string");
        }
    }
}
