using System.Security.Cryptography;
using TnAcme.Crypto.Tests.Support;

namespace TnAcme.Crypto.Tests;

/// <summary>Random and mutated keys and signatures: refused or answered, never a crash or another exception type.</summary>
public sealed class HostileInputTests
{
    [Theory]
    [MemberData(nameof(TestKeys.Implementations), MemberType = typeof(TestKeys))]
    public void Random_bytes_are_never_a_key(EcdsaImplementation implementation)
    {
        var random = new Random(5480);
        for (int i = 0; i < 4000; i++)
        {
            byte[] bytes = new byte[random.Next(0, 160)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length > 2)
            {
                // A plausible start, so the reader gets past the first tag more often.
                bytes[0] = 0x30;
                bytes[1] = (byte)(bytes.Length - 2);
            }

            Assert.False(EcdsaPublicKey.TryFromSubjectPublicKeyInfo(bytes, implementation, out _));
            Assert.Throws<CryptographicException>(() => EcdsaPublicKey.FromSubjectPublicKeyInfo(bytes, implementation));
        }
    }

    [Theory]
    [MemberData(nameof(TestKeys.Implementations), MemberType = typeof(TestKeys))]
    public void Mutated_keys_are_refused_or_read_as_dotnet_reads_them(EcdsaImplementation implementation)
    {
        var random = new Random(8555);
        int accepted = 0;
        foreach (EcdsaCurve curve in TestKeys.Curves)
        {
            using ECDsa key = TestKeys.Generate(curve);
            byte[] good = key.ExportSubjectPublicKeyInfo();
            for (int i = 0; i < 1500; i++)
            {
                byte[] mutated = HostileBytes.Mutate(good, random, i);
                if (!EcdsaPublicKey.TryFromSubjectPublicKeyInfo(mutated, implementation, out EcdsaPublicKey? parsed))
                {
                    continue;
                }

                // Accepted: .NET must read the same curve and point, which only the unmutated key has
                // (a flipped coordinate bit leaves the curve, so acceptance means an identical key).
                using (parsed)
                {
                    accepted++;
                    using ECDsa reference = ECDsa.Create();
                    reference.ImportSubjectPublicKeyInfo(mutated, out int read);
                    Assert.Equal(mutated.Length, read);
                    Assert.Equal(curve.NamedCurve.Oid.Value, reference.ExportParameters(false).Curve.Oid.Value);
                    Assert.Equal(good, mutated);
                }
            }
        }

        Assert.True(accepted < 3 * 1500 / 10, $"{accepted} mutations accepted");
    }

    [Theory]
    [MemberData(nameof(TestKeys.ImplementationsAndCurves), MemberType = typeof(TestKeys))]
    public void Random_and_mutated_signatures_are_answered_as_dotnet_answers(EcdsaImplementation implementation, string curveName)
    {
        EcdsaCurve curve = TestKeys.Curve(curveName);
        using ECDsa key = TestKeys.Generate(curve);
        using EcdsaPublicKey verifier = TestKeys.Public(key, curve, implementation);
        var random = new Random(7518 + curve.CoordinateLength);
        byte[] data = "payload"u8.ToArray();
        int cases = curve == EcdsaCurve.P256 ? 2000 : 500;
        for (int i = 0; i < cases; i++)
        {
            DSASignatureFormat format = TestKeys.Formats[i % 2];
            byte[] signature;
            if (i % 4 < 2)
            {
                signature = new byte[random.Next(0, (2 * curve.CoordinateLength) + 12)];
                random.NextBytes(signature);
                if (i % 8 == 0 && signature.Length > 2)
                {
                    signature[0] = 0x30;
                    signature[1] = (byte)(signature.Length - 2);
                }
            }
            else
            {
                signature = HostileBytes.Mutate(key.SignData(data, curve.JoseHash, format), random, i);
            }

            bool expected = Reference.Verify(key, data, signature, curve.JoseHash, format);
            Assert.Equal(expected, verifier.Verify(data, signature, format));
        }
    }
}
