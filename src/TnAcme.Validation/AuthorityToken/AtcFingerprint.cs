using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>
/// The <c>atc.fingerprint</c> binding (RFC 9447 §4, RFC 9448 §5.4): the SHA-256 RFC 7638 thumbprint of the ACME
/// account key. Every example and the real STI-PA write <c>"SHA256 AA:BB:…"</c>; the RFC 8555 §8.1 text implies
/// base64url. Both are read.
/// </summary>
public static class AtcFingerprint
{
    private const int Length = 32;

    /// <summary>The form the examples and the STI-PA use: <c>SHA256</c>, a space, 32 uppercase colon-separated hex bytes.</summary>
    public static string Format(ReadOnlySpan<byte> thumbprint)
    {
        if (thumbprint.Length != Length)
        {
            throw new ArgumentException("a SHA-256 thumbprint is 32 bytes", nameof(thumbprint));
        }

        var text = new StringBuilder("SHA256 ", 7 + (3 * Length));
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

    /// <summary>
    /// Reads <c>"SHA256 AA:BB:…"</c> (algorithm name and hex case-insensitive; <c>SHA-256</c> also read) or a bare
    /// base64url thumbprint (43 characters, no padding). On failure <paramref name="error"/> says why.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out byte[]? thumbprint, [NotNullWhen(false)] out string? error)
    {
        thumbprint = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "the fingerprint is empty";
            return false;
        }

        int space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            if (text.Length == 43 && TnAcme.Stir.Base64Url.TryDecode(text, out byte[]? bytes) && bytes!.Length == Length)
            {
                thumbprint = bytes;
                error = null;
                return true;
            }

            error = "the fingerprint is neither \"SHA256 AA:BB:…\" nor the base64url SHA-256 thumbprint of the account key";
            return false;
        }

        string algorithm = text[..space];
        if (!algorithm.Equals("SHA256", StringComparison.OrdinalIgnoreCase) && !algorithm.Equals("SHA-256", StringComparison.OrdinalIgnoreCase))
        {
            error = $"the fingerprint uses {JoseHeader.Printable(algorithm)}; only SHA256 is defined (RFC 9448 §10)";
            return false;
        }

        ReadOnlySpan<char> hex = text.AsSpan(space + 1);
        if (hex.Length != (3 * Length) - 1)
        {
            error = "a SHA256 fingerprint is 32 colon-separated hex bytes";
            return false;
        }

        var result = new byte[Length];
        for (int i = 0; i < Length; i++)
        {
            int at = 3 * i;
            if ((i > 0 && hex[at - 1] != ':')
                || !byte.TryParse(hex.Slice(at, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out result[i]))
            {
                error = "a SHA256 fingerprint is 32 colon-separated hex bytes";
                return false;
            }
        }

        thumbprint = result;
        error = null;
        return true;
    }
}
