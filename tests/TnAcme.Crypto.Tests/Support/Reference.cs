using System.Security.Cryptography;

namespace TnAcme.Crypto.Tests.Support;

/// <summary>What .NET's own ECDsa answers: the oracle of the agreement tests.</summary>
internal static class Reference
{
    public static bool Verify(ECDsa key, byte[] data, byte[] signature, HashAlgorithmName hash, DSASignatureFormat format)
    {
        try
        {
            return key.VerifyData(data, signature, hash, format);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
