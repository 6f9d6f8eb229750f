using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace TnAcme.Acme.Jose;

/// <summary>
/// An Ed25519 public key; verifies EdDSA (RFC 8037 §3.1). .NET 10 has no public Ed25519 API, so this
/// is BouncyCastle's RFC 8032 implementation (stateless verification: safe to share between threads).
/// </summary>
internal sealed class Ed25519KeyMaterial : KeyMaterial
{
    public const int KeyLength = 32;
    public const int SignatureLength = 64;

    private readonly Ed25519PublicKeyParameters _key;

    /// <summary>Decodes and validates the point; throws badPublicKey if it is not one.</summary>
    public Ed25519KeyMaterial(byte[] publicKey)
    {
        try
        {
            _key = new Ed25519PublicKeyParameters(publicKey);
        }
        catch (ArgumentException)
        {
            throw JoseProblems.BadPublicKey("the Ed25519 public key 'x' is not a valid curve point");
        }
    }

    public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureLength
        && _key.Verify(Ed25519.Algorithm.Ed25519, null, signingInput, signature);
}
