using TnAcme.Stir;

namespace TnAcme.Client;

/// <summary>
/// What a CA hands a subscriber out of band for external account binding (RFC 8555 §7.3.4): a key identifier and an
/// HMAC key. The MAC key SHOULD be base64url; standard base64 (with padding) is read too, as some CAs print it.
/// </summary>
public sealed record ExternalAccountCredentials(string KeyId, byte[] HmacKey)
{
    public static ExternalAccountCredentials FromText(string keyId, string hmacKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentException.ThrowIfNullOrEmpty(hmacKey);
        string text = hmacKey.Trim().TrimEnd('=').Replace('+', '-').Replace('/', '_');
        if (!Base64Url.TryDecode(text, out byte[]? key) || key!.Length == 0)
        {
            throw new FormatException("the EAB HMAC key must be base64url (as the CA gave it)");
        }

        return new ExternalAccountCredentials(keyId, key);
    }
}
