using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Issuance.X509;

/// <summary>
/// Profile key usage names (<see cref="X509KeyUsageFlags"/> member names, any case) to flags, as
/// <c>Enum.Parse&lt;X509KeyUsageFlags&gt;(name, ignoreCase: true)</c> reads them, without its cost for plain names.
/// </summary>
internal static class KeyUsageNames
{
    public static X509KeyUsageFlags Parse(IReadOnlyList<string> names)
    {
        var flags = X509KeyUsageFlags.None;
        for (int i = 0; i < names.Count; i++)
        {
            flags |= Parse(names[i]);
        }

        return flags;
    }

    public static X509KeyUsageFlags Parse(string name) =>
        name.Equals(nameof(X509KeyUsageFlags.DigitalSignature), StringComparison.OrdinalIgnoreCase) ? X509KeyUsageFlags.DigitalSignature
        : name.Equals(nameof(X509KeyUsageFlags.KeyCertSign), StringComparison.OrdinalIgnoreCase) ? X509KeyUsageFlags.KeyCertSign
        : name.Equals(nameof(X509KeyUsageFlags.CrlSign), StringComparison.OrdinalIgnoreCase) ? X509KeyUsageFlags.CrlSign
        : Enum.Parse<X509KeyUsageFlags>(name, ignoreCase: true); // everything else, including "A, B" and numbers
}
