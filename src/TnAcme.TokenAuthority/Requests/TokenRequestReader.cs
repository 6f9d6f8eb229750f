using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using TnAcme.Stir;
using TnAcme.Validation.AuthorityToken;

namespace TnAcme.TokenAuthority.Requests;

/// <summary>
/// Reads a token request body in either shape found in the wild: RFC 9447 §5.1's <c>{"atc":{…}}</c> (what the
/// iconectiv STI-PA takes) or RFC 9448 §5.5's flat <c>{"tktype":…,"tkvalue":…,"ca":…,"fingerprint":…}</c>.
/// </summary>
public static class TokenRequestReader
{
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    public static bool TryRead(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out TokenRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Strict);
        }
        catch (JsonException)
        {
            error = "the body is not a JSON object (duplicate members are refused too)";
            return false;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the body must be a JSON object";
                return false;
            }

            JsonElement atc = root;
            string prefix = string.Empty;
            if (root.TryGetProperty("atc", out JsonElement wrapped))
            {
                if (wrapped.ValueKind != JsonValueKind.Object)
                {
                    error = "atc must be a JSON object (RFC 9447 §5.1)";
                    return false;
                }

                atc = wrapped;
                prefix = "atc.";
            }

            return TryReadAtc(atc, root, prefix, out request, out error);
        }
    }

    private static bool TryReadAtc(JsonElement atc, JsonElement root, string prefix, [NotNullWhen(true)] out TokenRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (!TryString(atc, "tktype", prefix, out string? tktype, out error)
            || !TryString(atc, "tkvalue", prefix, out string? tkvalue, out error)
            || !TryString(atc, "fingerprint", prefix, out string? fingerprint, out error))
        {
            return false;
        }

        // RFC 9447's example spells it "TnAuthList"; the identifier type registry entry is "TNAuthList".
        if (!tktype.Equals(TnAuthListIdentifier.IdentifierType, StringComparison.OrdinalIgnoreCase))
        {
            error = $"{prefix}tktype must be \"TNAuthList\" (RFC 9448 §5.4); this token authority issues no other type";
            return false;
        }

        TnAuthList list;
        try
        {
            list = TnAuthListIdentifier.DecodeTolerant(tkvalue);
        }
        catch (StirDecodeException e)
        {
            error = $"{prefix}tkvalue is not the base64 or base64url DER of a TNAuthList: {e.Message}";
            return false;
        }

        if (!AtcFingerprint.TryParse(fingerprint, out _, out string? why))
        {
            error = $"{prefix}fingerprint: {why}";
            return false;
        }

        if (!TryCa(atc, root, prefix, out bool ca, out error))
        {
            return false;
        }

        request = new TokenRequest(list, ca, fingerprint);
        return true;
    }

    private static bool TryString(JsonElement obj, string name, string prefix, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        if (!obj.TryGetProperty(name, out JsonElement element))
        {
            error = $"{prefix}{name} is missing";
            return false;
        }

        if (element.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value = element.GetString()))
        {
            value = null;
            error = $"{prefix}{name} must be a non-empty string";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// <c>ca</c> inside <c>atc</c>, or beside it (RFC 9447 §5.1 mentions the optional boolean next to the atc
    /// member); absent means false (RFC 9447 §4: permission withheld). Two that disagree are refused.
    /// </summary>
    private static bool TryCa(JsonElement atc, JsonElement root, string prefix, out bool ca, [NotNullWhen(false)] out string? error)
    {
        ca = false;
        bool? inner = null, outer = null;
        if (atc.TryGetProperty("ca", out JsonElement a))
        {
            if (a.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = $"{prefix}ca must be a boolean";
                return false;
            }

            inner = a.GetBoolean();
        }

        if (prefix.Length > 0 && root.TryGetProperty("ca", out JsonElement b))
        {
            if (b.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = "ca must be a boolean";
                return false;
            }

            outer = b.GetBoolean();
        }

        if (inner is bool i && outer is bool o && i != o)
        {
            error = "ca and atc.ca disagree";
            return false;
        }

        ca = inner ?? outer ?? false;
        error = null;
        return true;
    }
}
