using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using TnAcme.Crypto.Tests.Support;

namespace TnAcme.Crypto.Tests;

/// <summary>r and s must lie in [1, n − 1] (FIPS 186-5 §6.4.2), in either encoding; DER must be DER.</summary>
public sealed class SignatureRangeTests
{
    private static readonly byte[] Data = "tkauth-01 token"u8.ToArray();

    [Theory]
    [MemberData(nameof(TestKeys.ImplementationsAndCurves), MemberType = typeof(TestKeys))]
    public void Zero_and_out_of_range_scalars_are_refused(EcdsaImplementation implementation, string curveName)
    {
        EcdsaCurve curve = TestKeys.Curve(curveName);
        using ECDsa key = TestKeys.Generate(curve);
        using EcdsaPublicKey verifier = TestKeys.Public(key, curve, implementation);
        byte[] signature = key.SignData(Data, curve.JoseHash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        int length = curve.CoordinateLength;
        BigInteger r = Number(signature.AsSpan(0, length)), s = Number(signature.AsSpan(length)), n = Number(curve.Order);
        BigInteger max = (BigInteger.One << (8 * length)) - 1;

        Assert.True(Verify(verifier, curve, r, s, der: false));
        Assert.True(Verify(verifier, curve, r, s, der: true));
        // ECDSA is malleable: (r, n − s) verifies too, and .NET agrees.
        Assert.True(Verify(verifier, curve, r, n - s, der: false));
        Assert.True(key.VerifyData(Data, P1363(curve, r, n - s), curve.JoseHash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        foreach (bool der in new[] { false, true })
        {
            Assert.False(Verify(verifier, curve, 0, s, der));
            Assert.False(Verify(verifier, curve, r, 0, der));
            Assert.False(Verify(verifier, curve, 0, 0, der));
            Assert.False(Verify(verifier, curve, n, s, der));
            Assert.False(Verify(verifier, curve, r, n, der));
            Assert.False(Verify(verifier, curve, n + 1, s, der));
            Assert.False(Verify(verifier, curve, r, n + 1, der));
            Assert.False(Verify(verifier, curve, max, s, der));
            Assert.False(Verify(verifier, curve, r, max, der));
            if (r + n <= max)
            {
                // r ≡ r (mod n) but not in range: must not verify.
                Assert.False(Verify(verifier, curve, r + n, s, der));
            }
        }

        // Only DER can say "negative" or "longer than n".
        Assert.False(verifier.Verify(Data, Der(-r, s), DSASignatureFormat.Rfc3279DerSequence));
        Assert.False(verifier.Verify(Data, Der(r, -s), DSASignatureFormat.Rfc3279DerSequence));
        Assert.False(verifier.Verify(Data, Der(r + (n << 8), s), DSASignatureFormat.Rfc3279DerSequence));
    }

    [Theory]
    [MemberData(nameof(TestKeys.Implementations), MemberType = typeof(TestKeys))]
    public void A_signature_that_is_not_DER_is_refused(EcdsaImplementation implementation)
    {
        EcdsaCurve curve = EcdsaCurve.P256;
        using ECDsa key = TestKeys.Generate(curve);
        using EcdsaPublicKey verifier = TestKeys.Public(key, curve, implementation);
        byte[] der = key.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        Assert.True(verifier.Verify(Data, der, DSASignatureFormat.Rfc3279DerSequence));

        var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        BigInteger r = reader.ReadInteger(), s = reader.ReadInteger();

        // Trailing data, inside and after the SEQUENCE.
        Assert.False(verifier.Verify(Data, [.. der, 0x00], DSASignatureFormat.Rfc3279DerSequence));
        Assert.False(verifier.Verify(Data, Der(r, s, extra: [0x05, 0x00]), DSASignatureFormat.Rfc3279DerSequence));
        // A long-form length where the short form fits (BER, not DER).
        byte[] longForm = [0x30, 0x81, .. der[1..]];
        Assert.False(verifier.Verify(Data, longForm, DSASignatureFormat.Rfc3279DerSequence));
        // An INTEGER with a needless leading zero.
        byte[] padded = RawSequence(Integer([0x00, .. Minimal(r)]), Integer(Minimal(s)));
        Assert.False(verifier.Verify(Data, padded, DSASignatureFormat.Rfc3279DerSequence));
        // Truncated anywhere.
        for (int i = 0; i < der.Length; i++)
        {
            Assert.False(verifier.Verify(Data, der[..i], DSASignatureFormat.Rfc3279DerSequence));
        }
    }

    private static bool Verify(EcdsaPublicKey verifier, EcdsaCurve curve, BigInteger r, BigInteger s, bool der) =>
        der
            ? verifier.Verify(Data, Der(r, s), DSASignatureFormat.Rfc3279DerSequence)
            : verifier.Verify(Data, P1363(curve, r, s), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    private static BigInteger Number(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    private static byte[] P1363(EcdsaCurve curve, BigInteger r, BigInteger s)
    {
        int length = curve.CoordinateLength;
        byte[] signature = new byte[2 * length];
        Assert.True(r.TryWriteBytes(signature.AsSpan(length - r.GetByteCount(isUnsigned: true), r.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true));
        Assert.True(s.TryWriteBytes(signature.AsSpan((2 * length) - s.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true));
        return signature;
    }

    private static byte[] Der(BigInteger r, BigInteger s, byte[]? extra = null)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(s);
            if (extra is not null)
            {
                writer.WriteEncodedValue(extra);
            }
        }

        return writer.Encode();
    }

    private static byte[] Minimal(BigInteger value) => value.ToByteArray(isUnsigned: false, isBigEndian: true);

    private static byte[] Integer(byte[] content) => [0x02, (byte)content.Length, .. content];

    private static byte[] RawSequence(params byte[][] parts)
    {
        byte[] body = [.. parts.SelectMany(p => p)];
        return [0x30, (byte)body.Length, .. body];
    }
}
