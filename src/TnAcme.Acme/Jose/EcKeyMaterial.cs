using System.Security.Cryptography;

namespace TnAcme.Acme.Jose;

/// <summary>An EC public point; verifies ES256/ES384 signatures (raw r‖s, RFC 7518 §3.4).</summary>
internal sealed class EcKeyMaterial(EcCurve curve, byte[] x, byte[] y) : LazyKeyMaterial<ECDsa>
{
    public EcCurve Curve { get; } = curve;

    public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
        signature.Length == 2 * Curve.CoordinateLength
        && Key.VerifyData(signingInput, signature, Curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    protected override ECDsa Create()
    {
        try
        {
            return ECDsa.Create(new ECParameters { Curve = Curve.NamedCurve, Q = new ECPoint { X = x, Y = y } });
        }
        catch (CryptographicException)
        {
            throw JoseProblems.BadPublicKey($"the {Curve.Name} public key is not usable");
        }
    }
}
