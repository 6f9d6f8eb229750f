using System.Security.Cryptography;
using System.Text;

namespace TnAcme.Validation.Callback;

/// <summary>
/// The webhook's authenticity: <c>X-TnAcme-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp "." body)&gt;</c> with
/// <c>X-TnAcme-Timestamp: &lt;Unix seconds&gt;</c>. Signing the timestamp lets the receiver refuse replays.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-TnAcme-Signature";
    public const string TimestampHeader = "X-TnAcme-Timestamp";

    public static string Sign(byte[] secret, string timestamp, ReadOnlySpan<byte> body)
    {
        byte[] prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        byte[] signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, signed));
    }
}
