using System.Buffers;
using System.Text.Json;
using TnAcme.Acme.Problems;

namespace TnAcme.Acme.Rendering;

/// <summary>Writes ACME resource objects with Utf8JsonWriter: no reflection, one buffer, members in RFC order.</summary>
public sealed class ResourceWriter
{
    /// <summary>application/json is not HTML: no need to escape quotes and apostrophes in problem details.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly AcmeUrls _urls;

    public ResourceWriter(AcmeUrls urls) => _urls = urls;

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            body(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public byte[] Account(Account a) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("status", StatusNames.Of(a.Status));
        w.WriteStartArray("contact");
        foreach (string c in a.Contact)
        {
            w.WriteStringValue(c);
        }

        w.WriteEndArray();
        w.WriteBoolean("termsOfServiceAgreed", a.TermsOfServiceAgreed);
        if (a.ExternalAccountBinding is { } eab)
        {
            w.WritePropertyName("externalAccountBinding");
            w.WriteRawValue(eab);
        }

        w.WriteString("orders", _urls.AccountOrders(a.Id));
        w.WriteEndObject();
    });

    public byte[] Order(Order o, string? x5u) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("status", StatusNames.Of(o.Status));
        w.WriteString("expires", Time(o.Expires));
        w.WriteStartArray("identifiers");
        foreach (AcmeIdentifier id in o.Identifiers)
        {
            WriteIdentifier(w, id);
        }

        w.WriteEndArray();
        if (o.NotBefore is { } nb)
        {
            w.WriteString("notBefore", Time(nb));
        }

        if (o.NotAfter is { } na)
        {
            w.WriteString("notAfter", Time(na));
        }

        w.WriteString("profile", o.Profile);
        if (o.Error is { } error)
        {
            w.WritePropertyName("error");
            WriteProblem(w, error);
        }

        w.WriteStartArray("authorizations");
        foreach (string id in o.AuthorizationIds)
        {
            w.WriteStringValue(_urls.Authorization(id));
        }

        w.WriteEndArray();
        w.WriteString("finalize", _urls.Finalize(o.Id));
        if (o.Status == OrderStatus.Valid && o.CertificateSerial is { } serial)
        {
            w.WriteString("certificate", _urls.Certificate(serial));
            if (x5u is not null)
            {
                w.WriteString("x5u", x5u);
            }
        }

        w.WriteEndObject();
    });

    public byte[] Authorization(Authorization a) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("status", StatusNames.Of(a.Status));
        w.WriteString("expires", Time(a.Expires));
        w.WritePropertyName("identifier");
        WriteIdentifier(w, a.Identifier);
        w.WriteStartArray("challenges");
        foreach (Challenge c in a.Challenges)
        {
            WriteChallenge(w, c);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public byte[] Challenge(Challenge c) => Write(w => WriteChallenge(w, c));

    public static byte[] Problem(AcmeProblem p) => Write(w => WriteProblem(w, p));

    public byte[] OrdersList(IEnumerable<string> orderIds) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("orders");
        foreach (string id in orderIds)
        {
            w.WriteStringValue(_urls.Order(id));
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private void WriteChallenge(Utf8JsonWriter w, Challenge c)
    {
        w.WriteStartObject();
        w.WriteString("type", c.Type);
        w.WriteString("url", _urls.Challenge(c.Id));
        w.WriteString("status", StatusNames.Of(c.Status));
        w.WriteString("token", c.Token);
        foreach (var (key, value) in c.Attributes)
        {
            w.WriteString(key, value);
        }

        foreach (var (key, values) in c.ListAttributes)
        {
            w.WriteStartArray(key);
            foreach (string value in values)
            {
                w.WriteStringValue(value);
            }

            w.WriteEndArray();
        }

        if (c.Validated is { } v)
        {
            w.WriteString("validated", Time(v));
        }

        if (c.Error is { } error)
        {
            w.WritePropertyName("error");
            WriteProblem(w, error);
        }

        w.WriteEndObject();
    }

    private static void WriteIdentifier(Utf8JsonWriter w, AcmeIdentifier id)
    {
        w.WriteStartObject();
        w.WriteString("type", id.Type);
        w.WriteString("value", id.Value);
        w.WriteEndObject();
    }

    public static void WriteProblem(Utf8JsonWriter w, AcmeProblem p)
    {
        w.WriteStartObject();
        w.WriteString("type", p.Type);
        w.WriteString("detail", p.Detail);
        w.WriteNumber("status", p.Status);
        if (p.Identifier is { } id)
        {
            w.WritePropertyName("identifier");
            WriteIdentifier(w, id);
        }

        if (p.Algorithms is { } algorithms)
        {
            w.WriteStartArray("algorithms");
            foreach (string a in algorithms)
            {
                w.WriteStringValue(a);
            }

            w.WriteEndArray();
        }

        if (p.Instance is { } instance)
        {
            w.WriteString("instance", instance);
        }

        if (p.Limit is { } limit)
        {
            w.WriteString("limit", limit);
        }

        if (p.RetryAfterSeconds is int retry && p.Status == 429)
        {
            w.WriteNumber("retryAfter", retry);
        }

        if (p.Subproblems is { Count: > 0 } subs)
        {
            w.WriteStartArray("subproblems");
            foreach (AcmeProblem sub in subs)
            {
                WriteProblem(w, sub);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
