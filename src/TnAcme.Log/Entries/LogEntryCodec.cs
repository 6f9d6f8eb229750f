using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using TnAcme.Stir;

namespace TnAcme.Log.Entries;

/// <summary>
/// The entry's bytes: compact JSON with members in code-point order and only strings, integers and arrays, so
/// the encoding of an entry is unique and a browser or a script can read what it hashes. The leaf hash covers
/// exactly these bytes; auditors hash what they are served and never re-encode.
/// </summary>
public static class LogEntryCodec
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>An issued entry from what the CA knows at the moment it records the certificate.</summary>
    public static LogEntry Issued(string serial, string issuer, string account, string profile, TnAuthList tnAuthList,
        DateTimeOffset notBefore, DateTimeOffset notAfter, IReadOnlyList<string> challenges, ReadOnlySpan<byte> certificateDer, DateTimeOffset time) => new()
        {
            Kind = LogEntryKind.Issued,
            Serial = serial,
            Issuer = issuer,
            Account = account,
            Time = time,
            Profile = profile,
            NotBefore = notBefore,
            NotAfter = notAfter,
            TnAuthListDer = tnAuthList.ToDer(),
            TnEntries = [.. tnAuthList.Entries.Select(e => e.ToString()!)],
            Spcs = [.. tnAuthList.ServiceProviderCodes.Select(s => s.Value).Distinct().Order(StringComparer.Ordinal)],
            Challenges = [.. challenges.Distinct().Order(StringComparer.Ordinal)],
            CertificateSha256 = Convert.ToHexStringLower(SHA256.HashData(certificateDer)),
        };

    public static LogEntry Revoked(string serial, string issuer, string account, DateTimeOffset revokedAt, int? reason, DateTimeOffset time) => new()
    {
        Kind = LogEntryKind.Revoked,
        Serial = serial,
        Issuer = issuer,
        Account = account,
        Time = time,
        RevokedAt = revokedAt,
        Reason = reason,
    };

    public static byte[] Encode(LogEntry entry)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("account", entry.Account);
            if (entry.Kind == LogEntryKind.Issued)
            {
                w.WriteString("certificateSha256", entry.CertificateSha256);
                Strings(w, "challenges", entry.Challenges);
            }

            w.WriteString("issuer", entry.Issuer);
            w.WriteString("kind", entry.Kind == LogEntryKind.Issued ? "issued" : "revoked");
            if (entry.Kind == LogEntryKind.Issued)
            {
                w.WriteString("notAfter", Format(entry.NotAfter!.Value));
                w.WriteString("notBefore", Format(entry.NotBefore!.Value));
                w.WriteString("profile", entry.Profile);
            }
            else
            {
                if (entry.Reason is int reason)
                {
                    w.WriteNumber("reason", reason);
                }

                w.WriteString("revokedAt", Format(entry.RevokedAt!.Value));
            }

            w.WriteString("serial", entry.Serial);
            if (entry.Kind == LogEntryKind.Issued)
            {
                Strings(w, "spcs", entry.Spcs);
            }

            w.WriteString("time", Format(entry.Time));
            if (entry.Kind == LogEntryKind.Issued)
            {
                w.WriteString("tnAuthList", Convert.ToBase64String(entry.TnAuthListDer!));
                Strings(w, "tnEntries", entry.TnEntries);
            }

            w.WriteNumber("v", LogEntry.Version);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static LogEntry Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes);
            using JsonDocument doc = JsonDocument.ParseValue(ref reader);
            JsonElement e = doc.RootElement;
            if (e.GetProperty("v").GetInt32() != LogEntry.Version)
            {
                throw new FormatException("unknown log entry version");
            }

            bool issued = e.GetProperty("kind").GetString() switch
            {
                "issued" => true,
                "revoked" => false,
                _ => throw new FormatException("a log entry is issued or revoked"),
            };
            var common = new LogEntry
            {
                Kind = issued ? LogEntryKind.Issued : LogEntryKind.Revoked,
                Serial = e.GetProperty("serial").GetString()!,
                Issuer = e.GetProperty("issuer").GetString()!,
                Account = e.GetProperty("account").GetString()!,
                Time = Parse(e.GetProperty("time")),
            };
            return issued
                ? common with
                {
                    Profile = e.GetProperty("profile").GetString(),
                    NotBefore = Parse(e.GetProperty("notBefore")),
                    NotAfter = Parse(e.GetProperty("notAfter")),
                    TnAuthListDer = Convert.FromBase64String(e.GetProperty("tnAuthList").GetString()!),
                    TnEntries = Strings(e.GetProperty("tnEntries")),
                    Spcs = Strings(e.GetProperty("spcs")),
                    Challenges = Strings(e.GetProperty("challenges")),
                    CertificateSha256 = e.GetProperty("certificateSha256").GetString(),
                }
                : common with
                {
                    RevokedAt = Parse(e.GetProperty("revokedAt")),
                    Reason = e.TryGetProperty("reason", out JsonElement r) ? r.GetInt32() : null,
                };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("not a log entry: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// The TNAuthList DER of an issued entry, read without building the whole entry (the integrator indexes every
    /// entry); null for revocations. Throws <see cref="FormatException"/> when the bytes are not an entry.
    /// </summary>
    public static byte[]? ReadTnAuthList(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException("a log entry is a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool wanted = reader.ValueTextEquals("tnAuthList"u8);
                reader.Read();
                if (wanted)
                {
                    return reader.GetBytesFromBase64();
                }

                reader.Skip();
            }

            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException("not a log entry: " + e.Message, e);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetString()!)];

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(JsonElement e) =>
        DateTimeOffset.ParseExact(e.GetString()!, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
