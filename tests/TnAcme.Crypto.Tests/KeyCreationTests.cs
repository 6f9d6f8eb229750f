using System.Security.Cryptography;
using TnAcme.Crypto.Tests.Support;

namespace TnAcme.Crypto.Tests;

/// <summary>A key is created only for an affine point of the curve with coordinates of the curve's length below p.</summary>
public sealed class KeyCreationTests
{
    [Theory]
    [MemberData(nameof(TestKeys.ImplementationsAndCurves), MemberType = typeof(TestKeys))]
    public void Points_off_the_curve_are_refused(EcdsaImplementation implementation, string curveName)
    {
        EcdsaCurve curve = TestKeys.Curve(curveName);
        using ECDsa key = TestKeys.Generate(curve);
        (byte[] x, byte[] y) = TestKeys.Point(key);
        using (EcdsaPublicKey.Create(curve, x, y, implementation))
        {
        }

        byte[] offY = (byte[])y.Clone();
        offY[^1] ^= 1;
        AssertRefused(curve, x, offY, implementation);
        byte[] offX = (byte[])x.Clone();
        offX[curve.CoordinateLength / 2] ^= 0x10;
        AssertRefused(curve, offX, y, implementation);
        // (0, 0) is not on a curve with b ≠ 0; infinity has no affine coordinates at all.
        AssertRefused(curve, new byte[curve.CoordinateLength], new byte[curve.CoordinateLength], implementation);
        // The same point with the other curve's name.
        EcdsaCurve other = curve == EcdsaCurve.P256 ? EcdsaCurve.P384 : EcdsaCurve.P256;
        AssertRefused(other, x, y, implementation);
    }

    [Theory]
    [MemberData(nameof(TestKeys.ImplementationsAndCurves), MemberType = typeof(TestKeys))]
    public void Coordinates_not_below_p_are_refused(EcdsaImplementation implementation, string curveName)
    {
        EcdsaCurve curve = TestKeys.Curve(curveName);
        byte[] p = TestKeys.Prime(curve);
        using ECDsa key = TestKeys.Generate(curve);
        (byte[] x, byte[] y) = TestKeys.Point(key);
        AssertRefused(curve, p, y, implementation);
        AssertRefused(curve, x, p, implementation);
        byte[] ones = Enumerable.Repeat((byte)0xff, curve.CoordinateLength).ToArray();
        AssertRefused(curve, ones, y, implementation);
        AssertRefused(curve, x, ones, implementation);
    }

    [Theory]
    [MemberData(nameof(TestKeys.Implementations), MemberType = typeof(TestKeys))]
    public void Coordinates_of_the_wrong_length_are_refused(EcdsaImplementation implementation)
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        (byte[] x, byte[] y) = TestKeys.Point(key);
        AssertRefused(EcdsaCurve.P256, x[1..], y, implementation);
        AssertRefused(EcdsaCurve.P256, x, y[1..], implementation);
        AssertRefused(EcdsaCurve.P256, [0, .. x], [0, .. y], implementation);
        AssertRefused(EcdsaCurve.P256, [], [], implementation);
        var e = Assert.Throws<CryptographicException>(() => EcdsaPublicKey.Create(EcdsaCurve.P256, x[1..], y, implementation));
        Assert.Contains("32 octets", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestKeys.Implementations), MemberType = typeof(TestKeys))]
    public void A_disposed_key_no_longer_verifies(EcdsaImplementation implementation)
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        EcdsaPublicKey verifier = TestKeys.Public(key, EcdsaCurve.P256, implementation);
        byte[] signature = key.SignData([1, 2, 3], HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        Assert.True(verifier.Verify([1, 2, 3], signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        verifier.Dispose();
        verifier.Dispose();
        Assert.Throws<ObjectDisposedException>(() => verifier.Verify([1, 2, 3], signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        // Also for a signature that would be refused without reaching the key.
        Assert.Throws<ObjectDisposedException>(() => verifier.Verify([1, 2, 3], new byte[64], DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.Throws<ObjectDisposedException>(() => verifier.Verify([1, 2, 3], [], DSASignatureFormat.Rfc3279DerSequence));
    }

    private static void AssertRefused(EcdsaCurve curve, byte[] x, byte[] y, EcdsaImplementation implementation)
    {
        Assert.False(EcdsaPublicKey.TryCreate(curve, x, y, implementation, out EcdsaPublicKey? key));
        Assert.Null(key);
        Assert.Throws<CryptographicException>(() => EcdsaPublicKey.Create(curve, x, y, implementation));
    }
}
