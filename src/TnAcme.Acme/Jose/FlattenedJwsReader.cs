using System.Text.Json;

namespace TnAcme.Acme.Jose;

/// <summary>Reads the flattened JSON serialization: the outer object, then the protected header.</summary>
internal static class FlattenedJwsReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 32 };

    public static FlattenedJws Read(ReadOnlySpan<byte> json, bool inner, string what)
    {
        try
        {
            return ReadCore(json, inner, what);
        }
        catch (JsonException e)
        {
            throw JoseProblems.Malformed($"the {what} is not well-formed JSON ({e.Message})");
        }
        catch (InvalidOperationException)
        {
            throw JoseProblems.Malformed($"the {what} is not well-formed JSON (invalid string)");
        }
    }

    private static FlattenedJws ReadCore(ReadOnlySpan<byte> json, bool inner, string what)
    {
        var trimmed = json.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{')
        {
            throw JoseProblems.Malformed(LooksCompact(trimmed)
                ? $"the {what} uses the compact serialization; ACME requires the flattened JSON serialization (RFC 8555 §6.2)"
                : $"the {what} must be a JSON object (flattened JSON serialization, RFC 8555 §6.2)");
        }

        var reader = new Utf8JsonReader(json, Options);
        reader.Read();
        ReadOnlySpan<byte> protectedText = default, payloadText = default, signatureText = default;
        bool hasProtected = false, hasPayload = false, hasSignature = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("protected"u8))
            {
                protectedText = ReadText(ref reader, "protected", ref hasProtected, what);
            }
            else if (reader.ValueTextEquals("payload"u8))
            {
                payloadText = ReadText(ref reader, "payload", ref hasPayload, what);
            }
            else if (reader.ValueTextEquals("signature"u8))
            {
                signatureText = ReadText(ref reader, "signature", ref hasSignature, what);
            }
            else if (reader.ValueTextEquals("header"u8))
            {
                throw JoseProblems.Malformed($"the {what} has an unprotected 'header'; RFC 8555 §6.2 allows only the protected header");
            }
            else if (reader.ValueTextEquals("signatures"u8))
            {
                throw JoseProblems.Malformed($"the {what} uses the general JSON serialization ('signatures'); ACME requires the flattened serialization (RFC 8555 §6.2)");
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw JoseProblems.Malformed($"the {what} is not a single JSON object");
        }

        if (!hasProtected || protectedText.IsEmpty)
        {
            throw JoseProblems.Malformed($"the {what} has no 'protected' header");
        }

        if (!hasPayload)
        {
            throw JoseProblems.Malformed($"the {what} has no 'payload' (POST-as-GET sends \"\")");
        }

        if (!hasSignature || signatureText.IsEmpty)
        {
            throw JoseProblems.Malformed($"the {what} has no 'signature'");
        }

        var headerJson = Decode(protectedText, "protected", what);
        var header = ProtectedHeaderReader.Read(headerJson, inner, what);
        var payload = Decode(payloadText, "payload", what);
        var signature = Decode(signatureText, "signature", what);

        var signingInput = new byte[protectedText.Length + 1 + payloadText.Length];
        protectedText.CopyTo(signingInput);
        signingInput[protectedText.Length] = (byte)'.';
        payloadText.CopyTo(signingInput.AsSpan(protectedText.Length + 1));

        return new FlattenedJws(header.Algorithm, header.Nonce, header.Url, header.Kid, header.Jwk, headerJson, payload, signingInput, protectedText.Length, signature);
    }

    /// <summary>The string value of a member, unescaped (a slice of the input when it has no escapes).</summary>
    private static ReadOnlySpan<byte> ReadText(scoped ref Utf8JsonReader reader, string name, scoped ref bool seen, string what)
    {
        if (seen)
        {
            throw JoseProblems.Malformed($"the {what} has member '{name}' twice");
        }

        seen = true;
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            throw JoseProblems.Malformed($"the {what} member '{name}' must be a string");
        }

        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        var buffer = new byte[reader.ValueSpan.Length];
        int length = reader.CopyString(buffer);
        return buffer.AsSpan(0, length);
    }

    private static byte[] Decode(ReadOnlySpan<byte> text, string name, string what) =>
        StrictBase64Url.TryDecode(text, out var bytes)
            ? bytes
            : throw JoseProblems.Malformed($"the {what} '{name}' is not base64url without padding (RFC 8555 §6.1)");

    private static bool LooksCompact(ReadOnlySpan<byte> text) => text.Count((byte)'.') == 2 && text[0] != (byte)'"';
}
