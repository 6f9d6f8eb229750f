using System.Security.Cryptography;
using System.Text;

namespace TnAcme.Validation.Callback;

/// <summary>token-part1 (digits a person can read or hear) and the response that binds it to part2 and the account key.</summary>
public static class CallbackCode
{
    public static string New(int digits)
    {
        var code = new StringBuilder(digits);
        for (int i = 0; i < digits; i++)
        {
            code.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        }

        return code.ToString();
    }

    /// <summary>
    /// keyAuthorization = part1 || part2 || "." || base64url(thumbprint) (RFC 8823 §3 with RFC 8555 §8.1);
    /// the response is SHA-256 of its UTF-8 bytes.
    /// </summary>
    public static byte[] ExpectedDigest(string part1, string part2, ReadOnlySpan<byte> accountKeyThumbprint)
    {
        string keyAuthorization = string.Concat(part1, part2, ".", Stir.Base64Url.Encode(accountKeyThumbprint));
        return SHA256.HashData(Encoding.UTF8.GetBytes(keyAuthorization));
    }

    /// <summary>Constant time, so the comparison says nothing about how close a guess was.</summary>
    public static bool Matches(byte[] expected, byte[] given) => CryptographicOperations.FixedTimeEquals(expected, given);
}
