using System.Net;
using System.Net.Sockets;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>
/// The SSRF guard's address classes: an <c>x5u</c> host may only be reached at a public unicast address, unless
/// its <c>host:port</c> is allow-listed (<see cref="AuthorityTokenOptions.AllowedX5uHosts"/>).
/// </summary>
public static class X5uAddressPolicy
{
    private static readonly (byte[] Prefix, int Bits, string Name)[] BlockedV4 =
    [
        ([0, 0, 0, 0], 8, "this-network"),
        ([10, 0, 0, 0], 8, "private"),
        ([100, 64, 0, 0], 10, "shared (carrier-grade NAT)"),
        ([127, 0, 0, 0], 8, "loopback"),
        ([169, 254, 0, 0], 16, "link-local"),
        ([172, 16, 0, 0], 12, "private"),
        ([192, 0, 0, 0], 24, "IETF protocol assignments"),
        ([192, 168, 0, 0], 16, "private"),
        ([198, 18, 0, 0], 15, "benchmarking"),
        ([224, 0, 0, 0], 4, "multicast"),
        ([240, 0, 0, 0], 4, "reserved or broadcast"),
    ];

    private static readonly (byte[] Prefix, int Bits, string Name)[] BlockedV6 =
    [
        (new byte[16], 128, "unspecified"),
        ([.. new byte[15], 1], 128, "loopback"),
        (new byte[16], 96, "IPv4-compatible (deprecated)"),
        ([0xfc, 0, .. new byte[14]], 7, "unique local (private)"),
        ([0xfe, 0x80, .. new byte[14]], 10, "link-local"),
        ([0xfe, 0xc0, .. new byte[14]], 10, "site-local"),
        ([0xff, 0, .. new byte[14]], 8, "multicast"),
    ];

    /// <summary>Null when the address may be contacted; otherwise the name of the refused class.</summary>
    public static string? Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        byte[] bytes = address.GetAddressBytes();

        // NAT64 (RFC 6052 well-known prefix 64:ff9b::/96) reaches the embedded IPv4 address: judge that one.
        if (bytes.Length == 16 && bytes.AsSpan(0, 12).SequenceEqual((ReadOnlySpan<byte>)[0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]))
        {
            return Classify(new IPAddress(bytes.AsSpan(12)));
        }

        (byte[] Prefix, int Bits, string Name)[] table = address.AddressFamily switch
        {
            AddressFamily.InterNetwork => BlockedV4,
            AddressFamily.InterNetworkV6 => BlockedV6,
            _ => throw new ArgumentException("not an IP address", nameof(address)),
        };

        foreach ((byte[] prefix, int bits, string name) in table)
        {
            if (Matches(bytes, prefix, bits))
            {
                return name;
            }
        }

        return null;
    }

    public static bool IsPublic(IPAddress address) => Classify(address) is null;

    private static bool Matches(byte[] address, byte[] prefix, int bits)
    {
        int whole = bits / 8;
        if (!address.AsSpan(0, whole).SequenceEqual(prefix.AsSpan(0, whole)))
        {
            return false;
        }

        int rest = bits % 8;
        if (rest == 0)
        {
            return true;
        }

        int mask = 0xff << (8 - rest) & 0xff;
        return (address[whole] & mask) == (prefix[whole] & mask);
    }
}
