using System.Security.Cryptography;

namespace TnAcme.Issuance;

/// <summary>
/// Serial numbers of 127 bits from the CSPRNG: positive, at most 16 octets, never zero-led, well above the
/// 64 bits ATIS-1000080 and the CA/B Forum ask for.
/// </summary>
public static class SerialNumbers
{
    public const int Length = 16;

    public static void Fill(Span<byte> serial)
    {
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        if (serial[0] == 0)
        {
            serial[0] = 0x01;
        }
    }

    public static byte[] Next()
    {
        byte[] serial = new byte[Length];
        Fill(serial);
        return serial;
    }
}
