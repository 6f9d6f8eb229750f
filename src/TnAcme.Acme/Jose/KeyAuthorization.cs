using System.Security.Cryptography;
using System.Text;
using TnAcme.Stir;

namespace TnAcme.Acme.Jose;

/// <summary>Key authorizations (RFC 8555 §8.1) and their SHA-256 digest (as RFC 8555 §8.4 and RFC 8823 use it).</summary>
public static class KeyAuthorization
{
    /// <summary>token || '.' || base64url(JWK thumbprint of the account key).</summary>
    public static string Compute(string token, JsonWebKey accountKey)
    {
        ArgumentNullException.ThrowIfNull(accountKey);
        if (string.IsNullOrEmpty(token) || token.AsSpan().IndexOfAnyExcept(StrictBase64Url.Alphabet) >= 0)
        {
            throw new ArgumentException("a challenge token is base64url (RFC 8555 §8.1)", nameof(token));
        }

        return string.Concat(token, ".", accountKey.ThumbprintBase64Url);
    }

    /// <summary>base64url(SHA-256(UTF-8(keyAuthorization))).</summary>
    public static string DigestBase64Url(string keyAuthorization)
    {
        ArgumentNullException.ThrowIfNull(keyAuthorization);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(keyAuthorization), digest);
        return Base64Url.Encode(digest);
    }
}
