using System.Security.Cryptography;
using TnAcme.Crypto;

namespace TnAcme.Acme.Jose;

/// <summary>
/// An EC public point; verifies ES256/ES384 signatures (raw r‖s, RFC 7518 §3.4) with an <see cref="EcdsaPublicKey"/>
/// (OpenSSL's EC_KEY on Linux: cheaper to build and to verify with than .NET's ECDsa).
/// </summary>
internal sealed class EcKeyMaterial(EcCurve curve, byte[] x, byte[] y) : LazyKeyMaterial<EcdsaPublicKey>
{
    public EcCurve Curve { get; } = curve;

    public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
        signature.Length == 2 * Curve.CoordinateLength
        && Key.Verify(signingInput, signature, Curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    protected override EcdsaPublicKey Create() =>
        EcdsaPublicKey.TryCreate(Curve.Ecdsa, x, y, out EcdsaPublicKey? key)
            ? key
            : throw JoseProblems.BadPublicKey($"the {Curve.Name} public key is not usable");
}
