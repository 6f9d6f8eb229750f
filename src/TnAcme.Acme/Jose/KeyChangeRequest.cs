using System.Buffers;
using System.Text.Json;
using TnAcme.Acme.Problems;

namespace TnAcme.Acme.Jose;

/// <summary>Account key rollover (RFC 8555 §7.3.5): an inner JWS, signed with the new key, inside the outer one.</summary>
public static class KeyChangeRequest
{
    private const string What = "key change inner JWS";

    /// <summary>
    /// Checks a keyChange request and returns the new key. The caller has already authenticated
    /// <paramref name="outer"/> (signature under <paramref name="currentAccountKey"/>, <c>kid</c> = the
    /// account URL, nonce, url); it still must refuse a new key that another account uses (409, RFC 8555 §7.3.5).
    /// </summary>
    /// <exception cref="AcmeProblemException">
    /// malformed when the outer JWS has no <c>kid</c> or no payload, the inner JWS is not a flattened JWS
    /// with <c>jwk</c> and without <c>nonce</c>, its <c>url</c> differs from the outer one, its signature
    /// does not verify under its <c>jwk</c>, its payload is not <c>{"account", "oldKey"}</c>, or the new
    /// key is the current one; badSignatureAlgorithm/badPublicKey for the inner algorithm or key;
    /// unauthorized when <c>account</c> is not the outer <c>kid</c> or <c>oldKey</c> is not the current key.
    /// </exception>
    public static JsonWebKey Verify(FlattenedJws outer, JsonWebKey currentAccountKey)
    {
        ArgumentNullException.ThrowIfNull(outer);
        ArgumentNullException.ThrowIfNull(currentAccountKey);

        var accountUrl = outer.Kid ?? throw JoseProblems.Malformed("a key change must be signed with the current account key, named by 'kid'");
        if (outer.IsPostAsGet)
        {
            throw JoseProblems.Malformed("the key change payload must be the inner JWS, not empty");
        }

        var inner = FlattenedJwsReader.Read(outer.PayloadBytes.Span, inner: true, What);
        if (inner.IsMac)
        {
            throw JoseProblems.BadSignatureAlgorithm($"the {What} must be signed with the new key, not MACed with {inner.Algorithm}");
        }

        var newKey = inner.Jwk ?? throw JoseProblems.Malformed($"the {What} must carry the new key as 'jwk', not 'kid'");
        if (!string.Equals(inner.Url, outer.Url, StringComparison.Ordinal))
        {
            throw JoseProblems.Malformed($"the {What} 'url' is not the outer JWS 'url' (RFC 8555 §7.3.5)");
        }

        if (!inner.Verify(newKey))
        {
            throw JoseProblems.Malformed($"the {What} signature does not verify under its 'jwk'");
        }

        var (account, oldKeyJson) = ReadPayload(inner.PayloadBytes.Span);
        if (!string.Equals(account, accountUrl, StringComparison.Ordinal))
        {
            throw JoseProblems.Unauthorized($"the {What} payload 'account' is not the outer JWS 'kid'");
        }

        JsonWebKey oldKey;
        try
        {
            oldKey = JsonWebKey.Parse(oldKeyJson);
        }
        catch (AcmeProblemException e)
        {
            throw JoseProblems.Prefixed($"the {What} payload 'oldKey': ", e);
        }

        using (oldKey)
        {
            if (!oldKey.Equals(currentAccountKey))
            {
                throw JoseProblems.Unauthorized($"the {What} payload 'oldKey' is not the account's current key");
            }
        }

        if (newKey.Equals(currentAccountKey))
        {
            throw JoseProblems.Malformed("the new key is the account's current key");
        }

        return newKey;
    }

    /// <summary>
    /// The inner JWS a client sends as the payload of its keyChange request (signed with the old key,
    /// <c>kid</c> = <paramref name="accountUrl"/>, to <paramref name="keyChangeUrl"/>).
    /// </summary>
    public static string Create(JwsSigner newKey, string accountUrl, JsonWebKey oldKey, string keyChangeUrl)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        ArgumentNullException.ThrowIfNull(oldKey);
        ArgumentException.ThrowIfNullOrEmpty(accountUrl);

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JwsJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("account"u8, accountUrl);
            writer.WritePropertyName("oldKey"u8);
            oldKey.WriteTo(writer);
            writer.WriteEndObject();
        }

        return newKey.Sign(buffer.WrittenSpan, keyChangeUrl, nonce: null);
    }

    private static (string Account, byte[] OldKey) ReadPayload(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw JoseProblems.Malformed($"the {What} payload must be a JSON object");
            }

            string? account = null;
            byte[]? oldKey = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("account"u8))
                {
                    reader.Read();
                    if (account is not null || reader.TokenType != JsonTokenType.String)
                    {
                        throw JoseProblems.Malformed($"the {What} payload 'account' must be one string");
                    }

                    account = reader.GetString()!;
                }
                else if (reader.ValueTextEquals("oldKey"u8))
                {
                    reader.Read();
                    if (oldKey is not null || reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw JoseProblems.Malformed($"the {What} payload 'oldKey' must be one JWK object");
                    }

                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    oldKey = payload[start..(int)reader.BytesConsumed].ToArray();
                }
                else
                {
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw JoseProblems.Malformed($"the {What} payload is not a single JSON object");
            }

            return (account ?? throw JoseProblems.Malformed($"the {What} payload has no 'account'"),
                oldKey ?? throw JoseProblems.Malformed($"the {What} payload has no 'oldKey'"));
        }
        catch (JsonException e)
        {
            throw JoseProblems.Malformed($"the {What} payload is not well-formed JSON ({e.Message})");
        }
        catch (InvalidOperationException)
        {
            throw JoseProblems.Malformed($"the {What} payload is not well-formed JSON (invalid string)");
        }
    }
}
