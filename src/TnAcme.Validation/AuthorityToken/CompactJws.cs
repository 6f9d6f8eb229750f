using System.Text;
using System.Text.Json;
using TnAcme.Stir;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>The three parts of a compact JWS (RFC 7515 §7.1), decoded; JSON parts parsed into objects.</summary>
internal sealed class CompactJws : IDisposable
{
    private static readonly JsonDocumentOptions StrictJson = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    private readonly JsonDocument _header;
    private readonly JsonDocument _payload;

    private CompactJws(JsonDocument header, JsonDocument payload, byte[] signature, byte[] signingInput)
    {
        _header = header;
        _payload = payload;
        Signature = signature;
        SigningInput = signingInput;
    }

    public JsonElement Header => _header.RootElement;

    public JsonElement Payload => _payload.RootElement;

    public byte[] Signature { get; }

    /// <summary>ASCII of <c>header.payload</c>, as signed.</summary>
    public byte[] SigningInput { get; }

    /// <summary>
    /// Splits and decodes <paramref name="token"/>. The header is parsed and its <c>alg</c> checked before the
    /// payload, so <c>alg:none</c> tokens (empty signature) fail as <see cref="AuthorityTokenCheck.Algorithm"/>.
    /// </summary>
    public static CompactJws Parse(string? token, int maxLength)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw Malformed("the authority token is empty");
        }

        if (token.Length > maxLength)
        {
            throw Malformed($"the authority token is {token.Length} characters long; at most {maxLength} are accepted");
        }

        ReadOnlySpan<char> trimmed = token.AsSpan().TrimStart();
        char first = trimmed.IsEmpty ? '\0' : trimmed[0];
        if (first == '{')
        {
            throw Malformed(DescribeJsonObject(token));
        }

        if (first == '"')
        {
            throw Malformed("the authority token is a JSON string literal (encoded twice?); tkauth must hold the compact JWT itself");
        }

        int bad = token.AsSpan().IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");
        if (bad >= 0)
        {
            throw Malformed(char.IsWhiteSpace(token[bad]) || char.IsControl(token[bad])
                ? $"the authority token contains whitespace or a control character at offset {bad}; a compact JWS has none"
                : token[bad] is '=' or '+' or '/'
                    ? $"the authority token contains '{token[bad]}' at offset {bad}: JWS parts are base64url without padding (RFC 7515 §2)"
                    : $"the authority token contains a character outside base64url and '.' at offset {bad}");
        }

        string[] parts = token.Split('.');
        if (parts.Length == 5)
        {
            throw Malformed("the authority token has 5 parts, a compact JWE; an encrypted token is not accepted, send the signed JWT (JWS)");
        }

        if (parts.Length != 3)
        {
            throw Malformed($"the authority token has {parts.Length} dot-separated parts; a compact JWS has 3 (header.payload.signature)");
        }

        JsonDocument header = ParseObject(parts[0], "header");
        JsonDocument? payload = null;
        try
        {
            JoseHeader.CheckAlgorithm(header.RootElement);
            payload = ParseObject(parts[1], "payload");
            if (!Base64Url.TryDecode(parts[2], out byte[]? signature))
            {
                throw Malformed("the signature part is not base64url without padding");
            }

            if (signature!.Length != 64)
            {
                throw new AuthorityTokenException(
                    AuthorityTokenCheck.Signature,
                    signature.Length == 0
                        ? "the token carries no signature"
                        : $"an ES256 signature is 64 bytes (raw r||s, RFC 7518 §3.4), this one is {signature.Length}{(signature[0] == 0x30 ? " (it looks DER-encoded)" : string.Empty)}");
            }

            byte[] signingInput = Encoding.ASCII.GetBytes(token, 0, parts[0].Length + 1 + parts[1].Length);
            return new CompactJws(header, payload, signature, signingInput);
        }
        catch
        {
            header.Dispose();
            payload?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _header.Dispose();
        _payload.Dispose();
    }

    internal static AuthorityTokenException Malformed(string detail) => new(AuthorityTokenCheck.Malformed, detail);

    private static JsonDocument ParseObject(string part, string name)
    {
        if (part.Length == 0)
        {
            throw Malformed($"the token {name} is empty");
        }

        if (!Base64Url.TryDecode(part, out byte[]? bytes))
        {
            throw Malformed($"the token {name} is not base64url without padding");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, StrictJson);
        }
        catch (JsonException ex)
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.Malformed, $"the token {name} is not valid JSON: {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            // Invalid UTF-8 surfaces as ArgumentException from some reader paths.
            throw new AuthorityTokenException(AuthorityTokenCheck.Malformed, $"the token {name} is not valid UTF-8 JSON", ex);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            JsonValueKind kind = document.RootElement.ValueKind;
            document.Dispose();
            throw Malformed($"the token {name} is a JSON {kind.ToString().ToLowerInvariant()}, not an object");
        }

        return document;
    }

    /// <summary>A precise message for a JSON object where a compact JWT belongs.</summary>
    private static string DescribeJsonObject(string text)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text, StrictJson);
            JsonElement root = document.RootElement;
            if (root.TryGetProperty("signature", out _) || root.TryGetProperty("signatures", out _) || root.TryGetProperty("protected", out _))
            {
                return "the authority token is a JWS JSON serialization; RFC 9448 §4 requires the compact serialization (header.payload.signature)";
            }

            if (root.TryGetProperty("atc", out _) || root.TryGetProperty("tktype", out _) || root.TryGetProperty("tkvalue", out _))
            {
                return "the authority token is an unsigned JSON object carrying atc claims (a draft-era dialect); RFC 9448 §4 requires the token authority's signed compact JWT";
            }

            if (root.TryGetProperty("token", out _) || root.TryGetProperty("tkauth", out _))
            {
                return "the authority token is a JSON object wrapping a token (the token authority's response?); send the compact JWT string itself";
            }

            return "the authority token is a JSON object, not a compact JWT";
        }
        catch (JsonException)
        {
            return "the authority token starts like JSON but is neither JSON nor a compact JWT";
        }
    }
}
