using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using TnAcme.Stir;

namespace TnAcme.Acme.Jose;

/// <summary>Writing side of the flattened JSON serialization, shared by the signer, EAB and key change.</summary>
internal static class JwsJson
{
    /// <summary>Header values are URLs and base64url; the relaxed encoder keeps them readable (never embedded in HTML).</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>base64url(UTF-8 JSON of the protected header), members in the order alg, jwk|kid, nonce, url.</summary>
    public static string ProtectedHeader(string alg, JsonWebKey? jwk, string? kid, string? nonce, string url)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("alg"u8, alg);
            if (jwk is not null)
            {
                writer.WritePropertyName("jwk"u8);
                jwk.WriteTo(writer);
            }

            if (kid is not null)
            {
                writer.WriteString("kid"u8, kid);
            }

            if (nonce is not null)
            {
                writer.WriteString("nonce"u8, nonce);
            }

            writer.WriteString("url"u8, url);
            writer.WriteEndObject();
        }

        return Base64Url.Encode(buffer.WrittenSpan);
    }

    /// <summary>The signing input ASCII(protected) '.' ASCII(payload).</summary>
    public static byte[] SigningInput(string protectedB64, string payloadB64)
    {
        var input = new byte[protectedB64.Length + 1 + payloadB64.Length];
        System.Text.Encoding.ASCII.GetBytes(protectedB64, input);
        input[protectedB64.Length] = (byte)'.';
        System.Text.Encoding.ASCII.GetBytes(payloadB64, input.AsSpan(protectedB64.Length + 1));
        return input;
    }

    /// <summary>The flattened JSON serialization; the three values are base64url, so need no escaping.</summary>
    public static string Serialize(string protectedB64, string payloadB64, ReadOnlySpan<byte> signature) =>
        string.Concat(
            "{\"protected\":\"",
            protectedB64,
            "\",\"payload\":\"",
            payloadB64,
            "\",\"signature\":\"",
            Base64Url.Encode(signature),
            "\"}");
}
