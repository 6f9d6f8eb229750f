using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TnAcme.Stir;

namespace TnAcme.Passport;

/// <summary>
/// A PASSporT read from its compact JWS form (RFC 7515 §7.1) or from a SIP Identity header, not yet verified:
/// the decoded header and payload, the exact bytes that were signed, and the signature.
/// </summary>
public sealed class ParsedPassport
{
    /// <summary>Far above any real PASSporT (a SHAKEN one is about 500 characters); bounds hostile input.</summary>
    public const int MaxLength = 64 * 1024;

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };

    private ParsedPassport(string compact, JsonObject header, JsonObject payload, byte[] signature, IdentityHeader? identity)
    {
        Compact = compact;
        Header = header;
        Payload = payload;
        Signature = signature;
        Identity = identity;
        SigningInput = Encoding.ASCII.GetBytes(compact[..compact.LastIndexOf('.')]);
    }

    public string Compact { get; }

    public JsonObject Header { get; }

    public JsonObject Payload { get; }

    /// <summary>ASCII of <c>base64url(header) '.' base64url(payload)</c>, as received.</summary>
    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    /// <summary>The Identity header the PASSporT came in, when it came in one.</summary>
    public IdentityHeader? Identity { get; }

    public string? Alg => StringMember(Header, "alg");

    public string? Typ => StringMember(Header, "typ");

    public string? Ppt => StringMember(Header, "ppt");

    public string? X5u => StringMember(Header, "x5u");

    /// <summary>A compact JWS, or an Identity header (recognized by its ';' parameters or "Identity:" prefix).</summary>
    public static ParsedPassport Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        return trimmed.Contains(';', StringComparison.Ordinal) || trimmed.StartsWith("Identity:", StringComparison.OrdinalIgnoreCase)
            ? ParseIdentityHeader(trimmed)
            : ParseCompact(trimmed);
    }

    public static ParsedPassport ParseIdentityHeader(string value)
    {
        CheckLength(value);
        IdentityHeader identity = IdentityHeader.Parse(value);
        return ParseCompact(identity.Jws, identity);
    }

    public static ParsedPassport ParseCompact(string compact) => ParseCompact(compact, identity: null);

    private static ParsedPassport ParseCompact(string compact, IdentityHeader? identity)
    {
        ArgumentNullException.ThrowIfNull(compact);
        CheckLength(compact);
        compact = compact.Trim();
        string[] parts = compact.Split('.');
        if (parts.Length != 3)
        {
            throw new PassportFormatException($"a compact JWS has three '.'-separated parts, not {parts.Length}");
        }

        if (parts[1].Length == 0)
        {
            throw new PassportFormatException("the payload is omitted (RFC 8224 compact form); rebuilding it from SIP headers is not supported");
        }

        JsonObject header = DecodeObject(parts[0], "header");
        JsonObject payload = DecodeObject(parts[1], "payload");
        byte[] signature = Base64Url.TryDecode(parts[2], out byte[]? sig) && sig!.Length > 0
            ? sig
            : throw new PassportFormatException("the signature is not base64url without padding");
        return new ParsedPassport(compact, header, payload, signature, identity);
    }

    internal static string? StringMember(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out JsonNode? node) && node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : null;

    private static void CheckLength(string text)
    {
        if (text.Length > MaxLength)
        {
            throw new PassportFormatException($"the PASSporT is {text.Length} characters long; at most {MaxLength} are accepted");
        }
    }

    private static JsonObject DecodeObject(string part, string what)
    {
        if (!Base64Url.TryDecode(part, out byte[]? bytes))
        {
            throw new PassportFormatException($"the {what} is not base64url without padding");
        }

        JsonNode? node;
        try
        {
            // Duplicate member names are refused: a verifier and a signer must not read different claims.
            using JsonDocument document = JsonDocument.Parse(bytes, JsonOptions);
            RejectDuplicates(document.RootElement, what);
            node = JsonNode.Parse(document.RootElement.GetRawText());
        }
        catch (JsonException e)
        {
            throw new PassportFormatException($"the {what} is not JSON: {e.Message}", e);
        }

        return node as JsonObject ?? throw new PassportFormatException($"the {what} is not a JSON object");
    }

    private static void RejectDuplicates(JsonElement element, string what)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty p in element.EnumerateObject())
            {
                if (!seen.Add(p.Name))
                {
                    throw new PassportFormatException($"the {what} repeats the member '{p.Name}'");
                }

                RejectDuplicates(p.Value, what);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in element.EnumerateArray())
            {
                RejectDuplicates(item, what);
            }
        }
    }
}
