using System.Globalization;
using System.Text;
using TnAcme.Stir;

namespace TnAcme.Client;

/// <summary>
/// The Authority Token binding to the ACME account (RFC 9447 §4, RFC 9448 §5.4): the SHA-256 JWK thumbprint of the
/// account key, written <c>"SHA256 AA:BB:…"</c> as every example and the STI-PA write it.
/// </summary>
/// <remarks>
/// Same form as the server's <c>TnAcme.Validation.AuthorityToken.AtcFingerprint</c>; duplicated (a few lines) so the
/// client does not depend on the server's validation library.
/// </remarks>
public static class AccountFingerprint
{
    public static string Format(ReadOnlySpan<byte> thumbprint)
    {
        if (thumbprint.Length != 32)
        {
            throw new ArgumentException("a SHA-256 thumbprint is 32 bytes", nameof(thumbprint));
        }

        var text = new StringBuilder("SHA256 ", 7 + (3 * 32));
        for (int i = 0; i < thumbprint.Length; i++)
        {
            if (i > 0)
            {
                text.Append(':');
            }

            text.Append(thumbprint[i].ToString("X2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Whether a token's fingerprint names this thumbprint, in either form servers accept (hex with colons, or base64url).</summary>
    public static bool Matches(string? fingerprint, ReadOnlySpan<byte> thumbprint) =>
        fingerprint is not null
        && (string.Equals(fingerprint.Replace("SHA-256 ", "SHA256 ", StringComparison.OrdinalIgnoreCase), Format(thumbprint), StringComparison.OrdinalIgnoreCase)
            || string.Equals(fingerprint, Base64Url.Encode(thumbprint), StringComparison.Ordinal));
}
