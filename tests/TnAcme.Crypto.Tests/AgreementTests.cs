using System.Security.Cryptography;
using TnAcme.Crypto.Tests.Support;

namespace TnAcme.Crypto.Tests;

/// <summary>Each implementation answers as .NET's ECDsa does, over many random keys, messages, formats and hashes.</summary>
public sealed class AgreementTests
{
    private static readonly HashAlgorithmName[] Hashes = [HashAlgorithmName.SHA256, HashAlgorithmName.SHA384, HashAlgorithmName.SHA512];

    [Theory]
    [MemberData(nameof(TestKeys.ImplementationsAndCurves), MemberType = typeof(TestKeys))]
    public void Valid_and_tampered_signatures_get_the_answer_dotnet_gives(EcdsaImplementation implementation, string curveName)
    {
        EcdsaCurve curve = TestKeys.Curve(curveName);
        var random = new Random(8555 + curve.CoordinateLength);
        int keyCount = curve == EcdsaCurve.P521 ? 8 : 20;
        int checkedValid = 0;
        using ECDsa other = TestKeys.Generate(curve);
        using EcdsaPublicKey otherPublic = TestKeys.Public(other, curve, implementation);
        for (int k = 0; k < keyCount; k++)
        {
            using ECDsa key = TestKeys.Generate(curve);
            using EcdsaPublicKey verifier = TestKeys.Public(key, curve, implementation);
            Assert.Equal(curve, verifier.Curve);
            Assert.Equal(implementation, verifier.Implementation);
            for (int m = 0; m < 3; m++)
            {
                byte[] data = new byte[random.Next(0, 300)];
                random.NextBytes(data);
                foreach (DSASignatureFormat format in TestKeys.Formats)
                {
                    // The curve's JOSE hash through the short overload, then another hash as a CSR may use.
                    byte[] signature = key.SignData(data, curve.JoseHash, format);
                    Assert.True(verifier.Verify(data, signature, format));
                    HashAlgorithmName hash = Hashes[random.Next(Hashes.Length)];
                    byte[] signed = key.SignData(data, hash, format);
                    Assert.True(verifier.Verify(data, signed, hash, format));
                    Assert.Equal(Reference.Verify(key, data, signed, hash, format), verifier.Verify(data, signed, hash, format));
                    checkedValid++;

                    byte[] badSignature = (byte[])signed.Clone();
                    badSignature[random.Next(badSignature.Length)] ^= (byte)(1 << random.Next(8));
                    Assert.Equal(Reference.Verify(key, data, badSignature, hash, format), verifier.Verify(data, badSignature, hash, format));
                    Assert.False(verifier.Verify(data, badSignature, hash, format));

                    byte[] badData = [.. data, 0x00];
                    Assert.False(verifier.Verify(badData, signed, hash, format));
                    if (data.Length > 0)
                    {
                        badData = (byte[])data.Clone();
                        badData[random.Next(badData.Length)] ^= (byte)(1 << random.Next(8));
                        Assert.False(verifier.Verify(badData, signed, hash, format));
                    }

                    Assert.False(otherPublic.Verify(data, signed, hash, format));
                    Assert.False(verifier.Verify(data, signed, OtherHash(hash), format));
                }
            }
        }

        Assert.Equal(keyCount * 3 * 2, checkedValid);
    }

    [Theory]
    [MemberData(nameof(TestKeys.Implementations), MemberType = typeof(TestKeys))]
    public void A_key_of_one_curve_refuses_signatures_sized_for_another(EcdsaImplementation implementation)
    {
        using ECDsa p384 = TestKeys.Generate(EcdsaCurve.P384);
        using ECDsa p256 = TestKeys.Generate(EcdsaCurve.P256);
        using EcdsaPublicKey verifier = TestKeys.Public(p256, EcdsaCurve.P256, implementation);
        byte[] data = "payload"u8.ToArray();
        Assert.False(verifier.Verify(data, p384.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation), DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        byte[] good = p256.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        Assert.False(verifier.Verify(data, good[..^1], DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.False(verifier.Verify(data, [.. good, 0], DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.False(verifier.Verify(data, [], DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.False(verifier.Verify(data, [], DSASignatureFormat.Rfc3279DerSequence));
        // The same r ‖ s read as DER is not a signature.
        Assert.False(verifier.Verify(data, good, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Theory]
    [MemberData(nameof(TestKeys.Implementations), MemberType = typeof(TestKeys))]
    public void Unsupported_hashes_and_formats_are_programming_errors(EcdsaImplementation implementation)
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        using EcdsaPublicKey verifier = TestKeys.Public(key, EcdsaCurve.P256, implementation);
        Assert.Throws<ArgumentException>(() => verifier.Verify([1], new byte[64], HashAlgorithmName.SHA1, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.Throws<ArgumentException>(() => verifier.Verify([1], new byte[64], HashAlgorithmName.MD5, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.Throws<ArgumentOutOfRangeException>(() => verifier.Verify([1], new byte[64], (DSASignatureFormat)7));
        Assert.Throws<ArgumentException>(() => verifier.VerifyHash([], new byte[64], DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Theory]
    [MemberData(nameof(TestKeys.Implementations), MemberType = typeof(TestKeys))]
    public void VerifyHash_takes_a_digest_computed_elsewhere(EcdsaImplementation implementation)
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P384);
        using EcdsaPublicKey verifier = TestKeys.Public(key, EcdsaCurve.P384, implementation);
        byte[] digest = SHA512.HashData("x"u8);
        byte[] signature = key.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence);
        Assert.True(verifier.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence));
        // ECDSA uses the digest's leftmost 384 bits on P-384: the rest is not signed, for .NET as here.
        digest[^1] ^= 1;
        Assert.Equal(key.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence), verifier.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence));
        Assert.True(verifier.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence));
        digest[0] ^= 1;
        Assert.False(verifier.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence));
    }

    private static HashAlgorithmName OtherHash(HashAlgorithmName hash) =>
        hash == HashAlgorithmName.SHA256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
}
