using System.Formats.Asn1;
using System.Security.Cryptography;
using TnAcme.Crypto.Tests.Support;

namespace TnAcme.Crypto.Tests;

/// <summary>Only DER id-ecPublicKey SubjectPublicKeyInfos with a namedCurve and an uncompressed point are keys.</summary>
public sealed class SubjectPublicKeyInfoTests
{
    private const string EcPublicKey = "1.2.840.10045.2.1";

    [Theory]
    [MemberData(nameof(TestKeys.ImplementationsAndCurves), MemberType = typeof(TestKeys))]
    public void DotNet_and_OpenSSL_encodings_are_read(EcdsaImplementation implementation, string curveName)
    {
        EcdsaCurve curve = TestKeys.Curve(curveName);
        using ECDsa key = TestKeys.Generate(curve);
        byte[] spki = key.ExportSubjectPublicKeyInfo();
        using EcdsaPublicKey verifier = EcdsaPublicKey.FromSubjectPublicKeyInfo(spki, implementation);
        Assert.Same(curve, verifier.Curve);
        byte[] data = "csr"u8.ToArray();
        Assert.True(verifier.Verify(data, key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.True(EcdsaPublicKey.TryFromSubjectPublicKeyInfo(spki, implementation, out EcdsaPublicKey? again));
        again.Dispose();
    }

    [Theory]
    [MemberData(nameof(TestKeys.Implementations), MemberType = typeof(TestKeys))]
    public void Explicit_and_implicit_curve_parameters_are_refused(EcdsaImplementation implementation)
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        using ECDsa explicitKey = ECDsa.Create(key.ExportExplicitParameters(includePrivateParameters: false));
        byte[] explicitSpki = explicitKey.ExportSubjectPublicKeyInfo();
        AssertRefused(explicitSpki, implementation, "explicit");

        byte[] point = Point(key);
        AssertRefused(Spki(EcPublicKey, w => w.WriteNull(), point), implementation, "implicitlyCA");
        AssertRefused(Spki(EcPublicKey, null, point), implementation, "no curve parameters");
    }

    [Theory]
    [MemberData(nameof(TestKeys.Implementations), MemberType = typeof(TestKeys))]
    public void Other_curves_and_algorithms_are_refused(EcdsaImplementation implementation)
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        byte[] point = Point(key);
        AssertRefused(Spki(EcPublicKey, w => w.WriteObjectIdentifier("1.3.132.0.10"), point), implementation, "1.3.132.0.10 is not supported"); // secp256k1
        AssertRefused(Spki(EcPublicKey, w => w.WriteObjectIdentifier("1.3.36.3.3.2.8.1.1.7"), point), implementation, "not supported"); // brainpoolP256r1
        AssertRefused(Spki("1.2.840.10045.2.2", w => w.WriteObjectIdentifier(EcdsaCurve.P256.Oid), point), implementation, "not id-ecPublicKey");
        using RSA rsa = RSA.Create(2048);
        AssertRefused(rsa.ExportSubjectPublicKeyInfo(), implementation, "1.2.840.113549.1.1.1");
        // The P-256 point under the P-384 name: wrong length.
        AssertRefused(Spki(EcPublicKey, w => w.WriteObjectIdentifier(EcdsaCurve.P384.Oid), point), implementation, "97 octets");
    }

    [Theory]
    [MemberData(nameof(TestKeys.Implementations), MemberType = typeof(TestKeys))]
    public void Compressed_hybrid_infinity_and_off_curve_points_are_refused(EcdsaImplementation implementation)
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        byte[] point = Point(key);
        byte[] x = point[1..33];
        byte yParity = (byte)(point[^1] & 1);
        AssertRefused(P256(w => w.WriteBitString([(byte)(0x02 | yParity), .. x])), implementation, "compressed");
        AssertRefused(P256(w => w.WriteBitString([(byte)(0x06 | yParity), .. point[1..]])), implementation, "hybrid");
        AssertRefused(P256(w => w.WriteBitString([0x00])), implementation, "infinity");
        AssertRefused(P256(w => w.WriteBitString([])), implementation, "empty");
        AssertRefused(P256(w => w.WriteBitString([0x05, .. point[1..]])), implementation, "not a point encoding");
        byte[] off = (byte[])point.Clone();
        off[^1] ^= 1;
        AssertRefused(P256(w => w.WriteBitString(off)), implementation, "not on P-256");
        AssertRefused(P256(w => w.WriteBitString(point[..^1])), implementation, "65 octets");
        byte[] even = (byte[])point.Clone();
        even[^1] &= 0xfe;
        AssertRefused(P256(w => w.WriteBitString(even, unusedBitCount: 1)), implementation, "unused bits");
        AssertRefused(P256(w => w.WriteOctetString(point)), implementation, "DER");
    }

    [Theory]
    [MemberData(nameof(TestKeys.Implementations), MemberType = typeof(TestKeys))]
    public void Trailing_truncated_and_non_DER_input_is_refused(EcdsaImplementation implementation)
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        byte[] spki = key.ExportSubjectPublicKeyInfo();
        byte[] point = Point(key);
        AssertRefused([.. spki, 0x00], implementation, "after the SubjectPublicKeyInfo");
        AssertRefused([.. spki, .. spki], implementation, "after the SubjectPublicKeyInfo");
        AssertRefused(P256(w => w.WriteBitString(point), after: w => w.WriteNull()), implementation, "after the subjectPublicKey");
        AssertRefused(
            Spki(EcPublicKey, w => { w.WriteObjectIdentifier(EcdsaCurve.P256.Oid); w.WriteNull(); }, point),
            implementation,
            "after the namedCurve");
        for (int i = 0; i < spki.Length; i++)
        {
            AssertRefused(spki[..i], implementation, null);
        }

        // 30 59 … with the long form 30 81 59: BER, not DER.
        AssertRefused([0x30, 0x81, .. spki[1..]], implementation, "DER");
        // Indefinite length.
        AssertRefused([0x30, 0x80, .. spki[2..], 0x00, 0x00], implementation, "DER");
    }

    private static void AssertRefused(byte[] spki, EcdsaImplementation implementation, string? reason)
    {
        Assert.False(EcdsaPublicKey.TryFromSubjectPublicKeyInfo(spki, implementation, out EcdsaPublicKey? key));
        Assert.Null(key);
        var e = Assert.Throws<CryptographicException>(() => EcdsaPublicKey.FromSubjectPublicKeyInfo(spki, implementation));
        if (reason is not null)
        {
            Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        }
    }

    private static byte[] Point(ECDsa key)
    {
        (byte[] x, byte[] y) = TestKeys.Point(key);
        return TestKeys.Uncompressed(x, y);
    }

    private static byte[] P256(Action<AsnWriter> subjectPublicKey, Action<AsnWriter>? after = null) =>
        Spki(EcPublicKey, w => w.WriteObjectIdentifier(EcdsaCurve.P256.Oid), subjectPublicKey, after);

    private static byte[] Spki(string algorithm, Action<AsnWriter>? parameters, byte[] point) =>
        Spki(algorithm, parameters, w => w.WriteBitString(point));

    private static byte[] Spki(string algorithm, Action<AsnWriter>? parameters, Action<AsnWriter> subjectPublicKey, Action<AsnWriter>? after = null)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(algorithm);
                parameters?.Invoke(writer);
            }

            subjectPublicKey(writer);
            after?.Invoke(writer);
        }

        return writer.Encode();
    }
}
