using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TnAcme.Stir;
using TnAcme.TokenAuthority.Requests;

namespace TnAcme.TokenAuthority.Signing;

/// <summary>
/// Writes the <c>atc</c> Authority Token (RFC 9447 §4, RFC 9448 §5): an ES256 JWT whose header names the signer
/// chain by <c>x5u</c>, as the STI-PA's do, and whose payload carries <c>iss</c>, <c>exp</c>, <c>iat</c>, a UUID
/// <c>jti</c> and the <c>atc</c> claim.
/// </summary>
internal static class AuthorityTokenWriter
{
    public static string Write(TokenRequest request, string issuer, string x5u, string jti, DateTimeOffset issuedAt, DateTimeOffset expiresAt, ECDsa signerKey)
    {
        byte[] header = Json(w =>
        {
            w.WriteString("alg", "ES256");
            w.WriteString("typ", "JWT");
            w.WriteString("x5u", x5u);
        });
        byte[] payload = Json(w =>
        {
            w.WriteString("iss", issuer);
            w.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            w.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            w.WriteString("jti", jti);
            w.WriteStartObject("atc");
            w.WriteString("tktype", TnAuthListIdentifier.IdentifierType);

            // The requester's DER, re-spelled as RFC 9448 §3 wants identifier values: base64url without padding.
            w.WriteString("tkvalue", TnAuthListIdentifier.Encode(request.TnAuthList));
            w.WriteBoolean("ca", request.Ca);

            // Not checked by the TA (RFC 9447 §3.3); the CA compares it with the account key, so it goes out as sent.
            w.WriteString("fingerprint", request.Fingerprint);
            w.WriteEndObject();
        });
        string signingInput = Base64Url.Encode(header) + "." + Base64Url.Encode(payload);
        byte[] signature = signerKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    private static byte[] Json(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
