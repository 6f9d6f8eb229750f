using System.Security.Cryptography;

namespace TnAcme.Crypto;

/// <summary>
/// The portable implementation: .NET's <see cref="ECDsa"/>, whose import validates the point in full. Used where
/// libcrypto.so.3 is not (Windows, macOS, an OpenSSL without the EC_KEY API), or when chosen.
/// </summary>
internal sealed class DotNetEcdsaVerifier : EcdsaVerifierCore
{
    private readonly ECDsa _key;

    private DotNetEcdsaVerifier(ECDsa key) => _key = key;

    public static DotNetEcdsaVerifier? TryCreate(EcdsaCurve curve, ReadOnlySpan<byte> uncompressedPoint, out string? error)
    {
        var parameters = new ECParameters
        {
            Curve = curve.NamedCurve,
            Q = new ECPoint
            {
                X = UncompressedPoint.X(curve, uncompressedPoint).ToArray(),
                Y = UncompressedPoint.Y(curve, uncompressedPoint).ToArray(),
            },
        };
        try
        {
            error = null;
            return new DotNetEcdsaVerifier(ECDsa.Create(parameters));
        }
        catch (CryptographicException)
        {
            error = $"the point is not on {curve.Name}";
            return null;
        }
    }

    public override bool VerifyHash(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, DSASignatureFormat format)
    {
        try
        {
            return _key.VerifyHash(digest, signature, format);
        }
        catch (CryptographicException)
        {
            // Some platforms throw for a DER signature they cannot decode; it is simply not a valid signature.
            return false;
        }
    }

    public override void Dispose() => _key.Dispose();
}
