using System.Security.Cryptography;

namespace TnAcme.Acme.Jose;

/// <summary>An RSA public key; verifies RS256 (RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 §3.3).</summary>
internal sealed class RsaKeyMaterial(byte[] modulus, byte[] exponent) : LazyKeyMaterial<RSA>
{
    public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
        signature.Length == modulus.Length
        && Key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    protected override RSA Create()
    {
        try
        {
            return RSA.Create(new RSAParameters { Modulus = modulus, Exponent = exponent });
        }
        catch (CryptographicException)
        {
            throw JoseProblems.BadPublicKey("the RSA public key is not usable");
        }
    }
}
