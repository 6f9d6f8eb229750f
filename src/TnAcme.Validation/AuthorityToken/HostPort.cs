using System.Globalization;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>Normalized <c>host:port</c> keys for the x5u allow-list (lowercase, IPv6 without brackets).</summary>
internal static class HostPort
{
    public static string Key(string host, int port)
    {
        string bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return bare.TrimEnd('.').ToLowerInvariant() + ":" + port.ToString(CultureInfo.InvariantCulture);
    }

    public static string ParseAllowListEntry(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        int colon = entry.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            || port is < 1 or > 65535)
        {
            throw new ArgumentException($"AllowedX5uHosts entry '{entry}' is not host:port", nameof(entry));
        }

        string host = entry[..colon];
        if (host.Contains(':', StringComparison.Ordinal) && !(host.StartsWith('[') && host.EndsWith(']')))
        {
            throw new ArgumentException($"AllowedX5uHosts entry '{entry}': write IPv6 hosts in brackets, [::1]:443", nameof(entry));
        }

        return Key(host, port);
    }
}
