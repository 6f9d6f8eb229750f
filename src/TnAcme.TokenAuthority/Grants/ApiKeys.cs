using System.Security.Cryptography;
using System.Text;
using TnAcme.Stir;

namespace TnAcme.TokenAuthority.Grants;

/// <summary>
/// API keys: 256 random bits, shown once, stored as SHA-256. A plain hash suffices because the key is not guessable;
/// a slow KDF only helps low-entropy passwords. Comparison is constant-time.
/// </summary>
internal static class ApiKeys
{
    /// <summary>Marks the secret in logs and secret scanners.</summary>
    public const string Prefix = "tnta_";

    /// <summary>Compared against when the account is unknown, so that case costs what a wrong key costs.</summary>
    private static readonly byte[] Decoy = SHA256.HashData("no such account"u8);

    public static string New() => Prefix + Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Base64Url.Encode(HashBytes(key));

    public static bool Matches(string? presented, string? storedHash)
    {
        byte[] expected = storedHash is not null && Base64Url.TryDecode(storedHash, out byte[]? stored) && stored!.Length == 32 ? stored : Decoy;
        byte[] actual = HashBytes(presented ?? string.Empty);
        return CryptographicOperations.FixedTimeEquals(actual, expected) && storedHash is not null && presented is not null;
    }

    private static byte[] HashBytes(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
