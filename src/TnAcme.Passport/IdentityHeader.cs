using System.Collections.Immutable;

namespace TnAcme.Passport;

/// <summary>
/// The SIP Identity header field value of RFC 8224 §4.1: a compact-form PASSporT followed by parameters,
/// <c>&lt;jws&gt;;info=&lt;URI&gt;;alg=ES256;ppt=shaken</c>. Parameter names are case-insensitive; the info URI is
/// in angle brackets and may itself hold ';'.
/// </summary>
public sealed class IdentityHeader
{
    private IdentityHeader(string jws, ImmutableDictionary<string, string> parameters)
    {
        Jws = jws;
        Parameters = parameters;
    }

    public string Jws { get; }

    /// <summary>Parameter values as written, except that <c>info</c>'s angle brackets and quoted strings' quotes are removed.</summary>
    public ImmutableDictionary<string, string> Parameters { get; }

    public string? Info => Parameters.GetValueOrDefault("info");

    public string? Alg => Parameters.GetValueOrDefault("alg");

    public string? Ppt => Parameters.GetValueOrDefault("ppt");

    public static string Format(string jws, Uri info, string alg, string? ppt) =>
        $"{jws};info=<{info.OriginalString}>;alg={alg}" + (ppt is null ? string.Empty : $";ppt={ppt}");

    /// <summary>Also accepts the value with its header name in front ("Identity: …").</summary>
    /// <exception cref="PassportFormatException">The value is not an Identity header.</exception>
    public static IdentityHeader Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string s = value.Trim();
        if (s.StartsWith("Identity:", StringComparison.OrdinalIgnoreCase))
        {
            s = s["Identity:".Length..].TrimStart();
        }

        int semicolon = s.IndexOf(';', StringComparison.Ordinal);
        string jws = (semicolon < 0 ? s : s[..semicolon]).Trim();
        if (jws.Length == 0)
        {
            throw new PassportFormatException("the Identity header holds no PASSporT before its parameters");
        }

        ImmutableDictionary<string, string>.Builder parameters = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        int i = semicolon;
        while (i >= 0 && i < s.Length)
        {
            i = SkipSpace(s, i + 1);
            int nameStart = i;
            while (i < s.Length && s[i] is not ('=' or ';') && !char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            string name = s[nameStart..i];
            if (name.Length == 0)
            {
                throw new PassportFormatException($"empty parameter name at position {nameStart} of the Identity header");
            }

            i = SkipSpace(s, i);
            string parameterValue = string.Empty;
            if (i < s.Length && s[i] == '=')
            {
                (parameterValue, i) = ReadValue(s, SkipSpace(s, i + 1));
            }

            if (!parameters.TryAdd(name, parameterValue))
            {
                throw new PassportFormatException($"the Identity header repeats the parameter '{name}'");
            }

            i = SkipSpace(s, i);
            if (i < s.Length && s[i] != ';')
            {
                throw new PassportFormatException($"unexpected '{s[i]}' at position {i} of the Identity header");
            }
        }

        return new IdentityHeader(jws, parameters.ToImmutable());
    }

    private static (string Value, int Next) ReadValue(string s, int i)
    {
        if (i < s.Length && s[i] == '<')
        {
            int close = s.IndexOf('>', i + 1);
            return close < 0
                ? throw new PassportFormatException("an Identity header parameter opens '<' without closing it")
                : (s[(i + 1)..close], close + 1);
        }

        if (i < s.Length && s[i] == '"')
        {
            var sb = new System.Text.StringBuilder();
            for (int j = i + 1; j < s.Length; j++)
            {
                if (s[j] == '\\' && j + 1 < s.Length)
                {
                    sb.Append(s[++j]);
                }
                else if (s[j] == '"')
                {
                    return (sb.ToString(), j + 1);
                }
                else
                {
                    sb.Append(s[j]);
                }
            }

            throw new PassportFormatException("an Identity header parameter opens a quoted string without closing it");
        }

        int start = i;
        while (i < s.Length && s[i] != ';' && !char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        return (s[start..i], i);
    }

    private static int SkipSpace(string s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        return i;
    }
}
