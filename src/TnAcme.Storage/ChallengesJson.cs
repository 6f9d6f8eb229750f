using System.Buffers;
using System.Text;
using System.Text.Json;
using TnAcme.Acme;

namespace TnAcme.Storage;

/// <summary>
/// The authorizations' challenges column, read and written by hand: every authorization read on the issuance path
/// parses it, and the generated serializer went through an intermediate record with dictionaries of its own. The JSON is
/// the one that serializer wrote (an array of objects with PascalCase members in this order, null members left out,
/// the error as <see cref="StorageJsonContext"/> writes a problem), so rows written before and after read alike, and
/// nodes of either version can share a database.
/// </summary>
internal static class ChallengesJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("Id");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("Type");
    private static readonly JsonEncodedText Token = JsonEncodedText.Encode("Token");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("Status");
    private static readonly JsonEncodedText Validated = JsonEncodedText.Encode("Validated");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("Error");
    private static readonly JsonEncodedText Attributes = JsonEncodedText.Encode("Attributes");
    private static readonly JsonEncodedText ListAttributes = JsonEncodedText.Encode("ListAttributes");
    private static readonly JsonEncodedText Secret = JsonEncodedText.Encode("Secret");

    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoListAttributes = new Dictionary<string, IReadOnlyList<string>>();

    public static string Write(IReadOnlyList<Challenge> challenges)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * Math.Max(1, challenges.Count));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (Challenge c in challenges)
            {
                w.WriteStartObject();
                w.WriteString(Id, c.Id);
                w.WriteString(Type, c.Type);
                w.WriteString(Token, c.Token);
                w.WriteNumber(Status, (int)c.Status);
                if (c.Validated is { } validated)
                {
                    w.WriteNumber(Validated, validated.ToUnixTimeMilliseconds());
                }

                if (c.Error is { } error)
                {
                    w.WritePropertyName(Error);
                    JsonSerializer.Serialize(w, error, StorageJsonContext.Default.AcmeProblem);
                }

                if (c.Attributes.Count > 0)
                {
                    w.WriteStartObject(Attributes);
                    foreach (KeyValuePair<string, string> a in c.Attributes)
                    {
                        w.WriteString(a.Key, a.Value);
                    }

                    w.WriteEndObject();
                }

                if (c.ListAttributes.Count > 0)
                {
                    w.WriteStartObject(ListAttributes);
                    foreach (KeyValuePair<string, IReadOnlyList<string>> a in c.ListAttributes)
                    {
                        w.WriteStartArray(a.Key);
                        foreach (string value in a.Value)
                        {
                            w.WriteStringValue(value);
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndObject();
                }

                if (c.Secret is { } secret)
                {
                    w.WriteString(Secret, secret.Value);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <exception cref="JsonException">Not the JSON <see cref="Write"/> (or the generated serializer) writes.</exception>
    public static IReadOnlyList<Challenge> Read(string json)
    {
        byte[] utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(json, utf8);
            var reader = new Utf8JsonReader(utf8.AsSpan(0, length));
            return ReadArray(ref reader);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    private static List<Challenge> ReadArray(ref Utf8JsonReader reader)
    {
        var challenges = new List<Challenge>(2);
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return challenges;
        }

        Expect(ref reader, JsonTokenType.StartArray);
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            challenges.Add(ReadChallenge(ref reader));
        }

        return challenges;
    }

    private static Challenge ReadChallenge(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string? id = null;
        string? type = null;
        string? token = null;
        int status = 0;
        long? validated = null;
        Acme.Problems.AcmeProblem? error = null;
        IReadOnlyDictionary<string, string> attributes = NoAttributes;
        IReadOnlyDictionary<string, IReadOnlyList<string>> listAttributes = NoListAttributes;
        string? secret = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            Expect(ref reader, JsonTokenType.PropertyName);
            if (reader.ValueTextEquals("Id"u8))
            {
                id = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("Type"u8))
            {
                type = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("Token"u8))
            {
                token = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("Status"u8))
            {
                Next(ref reader);
                status = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("Validated"u8))
            {
                validated = Next(ref reader) == JsonTokenType.Null ? null : reader.GetInt64();
            }
            else if (reader.ValueTextEquals("Error"u8))
            {
                Next(ref reader);
                error = JsonSerializer.Deserialize(ref reader, StorageJsonContext.Default.AcmeProblem);
            }
            else if (reader.ValueTextEquals("Attributes"u8))
            {
                attributes = ReadAttributes(ref reader) ?? NoAttributes;
            }
            else if (reader.ValueTextEquals("ListAttributes"u8))
            {
                listAttributes = ReadListAttributes(ref reader) ?? NoListAttributes;
            }
            else if (reader.ValueTextEquals("Secret"u8))
            {
                secret = ReadString(ref reader);
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        return new Challenge
        {
            Id = id ?? throw new JsonException("a stored challenge without \"Id\""),
            Type = type ?? throw new JsonException("a stored challenge without \"Type\""),
            Token = token ?? throw new JsonException("a stored challenge without \"Token\""),
            Status = (ChallengeStatus)status,
            Validated = Time.FromUnix(validated),
            Error = error,
            Attributes = attributes,
            ListAttributes = listAttributes,
            Secret = secret is null ? null : new ChallengeSecret(secret),
        };
    }

    private static Dictionary<string, string>? ReadAttributes(ref Utf8JsonReader reader)
    {
        if (Next(ref reader) == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        var attributes = new Dictionary<string, string>(2);
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            attributes[key] = ReadString(ref reader) ?? throw new JsonException($"attribute \"{key}\" is null");
        }

        return attributes;
    }

    private static Dictionary<string, IReadOnlyList<string>>? ReadListAttributes(ref Utf8JsonReader reader)
    {
        if (Next(ref reader) == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        var attributes = new Dictionary<string, IReadOnlyList<string>>(1);
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            Next(ref reader);
            Expect(ref reader, JsonTokenType.StartArray);
            var values = new List<string>(2);
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                values.Add(reader.GetString() ?? throw new JsonException($"list attribute \"{key}\" holds null"));
            }

            attributes[key] = values;
        }

        return attributes;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the stored challenges end early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"stored challenges: {type} expected, {reader.TokenType} found");
        }
    }
}
