using System.Text;

namespace TnAcme.Passport;

/// <summary>
/// RFC 8224 §8.3 canonical telephone numbers, as far as they can be formed without a dialing context: visual
/// separators ('+', '-', '.', '(', ')', spaces) are dropped; digits, '#' and '*' are kept. Adding a missing
/// country code needs knowledge of the caller's context, so numbers are expected in international form.
/// </summary>
public static class TnCanonicalizer
{
    private const string Separators = "+-.() \t";

    /// <exception cref="FormatException">The value holds something other than digits, '#', '*' and separators, or nothing at all.</exception>
    public static string Canonicalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!TryCanonicalize(value, out string? canonical, out string? reason))
        {
            throw new FormatException(reason);
        }

        return canonical!;
    }

    public static bool TryCanonicalize(string? value, out string? canonical, out string? reason)
    {
        canonical = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            reason = "a telephone number must not be empty";
            return false;
        }

        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (char.IsAsciiDigit(c) || c is '#' or '*')
            {
                sb.Append(c);
            }
            else if (!Separators.Contains(c, StringComparison.Ordinal))
            {
                reason = $"'{value}' is not a telephone number: only digits, '#', '*' and visual separators are allowed";
                return false;
            }
        }

        if (sb.Length == 0)
        {
            reason = $"'{value}' holds no digits";
            return false;
        }

        canonical = sb.ToString();
        reason = null;
        return true;
    }
}
