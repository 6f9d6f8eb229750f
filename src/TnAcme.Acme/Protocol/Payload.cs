using System.Globalization;
using System.Text.Json;
using TnAcme.Acme.Problems;

namespace TnAcme.Acme.Protocol;

/// <summary>Typed reads of JSON payload members, each failure a malformed problem naming the member.</summary>
public static class Payload
{
    public static string? String(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw Bad(name, "a string");
    }

    public static bool? Bool(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Bad(name, "a boolean"),
        };
    }

    public static int? Int(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : throw Bad(name, "an integer");
    }

    public static IReadOnlyList<string>? Strings(JsonElement obj, string name, int max)
    {
        if (!obj.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() > max)
        {
            throw Bad(name, $"an array of at most {max} strings");
        }

        var list = new List<string>();
        foreach (JsonElement e in v.EnumerateArray())
        {
            list.Add(e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Bad(name, "an array of strings"));
        }

        return list;
    }

    public static DateTimeOffset? Time(JsonElement obj, string name)
    {
        string? s = String(obj, name);
        if (s is null)
        {
            return null;
        }

        // RFC 3339 date-time (RFC 8555 §7.1.3).
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset t)
               && s.Contains('T', StringComparison.Ordinal)
            ? t
            : throw Bad(name, "an RFC 3339 date-time");
    }

    public static AcmeIdentifier Identifier(JsonElement e, string what)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Bad(what, "an identifier object {type, value}");
        }

        string? type = String(e, "type");
        string? value = String(e, "value");
        return type is null || value is null ? throw Bad(what, "an identifier with type and value") : new AcmeIdentifier(type, value);
    }

    public static IReadOnlyList<AcmeIdentifier> Identifiers(JsonElement obj, string name, int max)
    {
        if (!obj.TryGetProperty(name, out JsonElement v) || v.ValueKind != JsonValueKind.Array)
        {
            throw Bad(name, "an array of identifiers");
        }

        if (v.GetArrayLength() > max)
        {
            throw Bad(name, $"at most {max} identifiers");
        }

        return v.EnumerateArray().Select(e => Identifier(e, name)).ToList();
    }

    private static AcmeProblemException Bad(string name, string expected) =>
        new(AcmeProblem.Malformed($"\"{name}\" must be {expected}"));
}
