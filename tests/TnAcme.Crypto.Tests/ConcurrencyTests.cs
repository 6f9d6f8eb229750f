using System.Security.Cryptography;
using TnAcme.Crypto.Tests.Support;

namespace TnAcme.Crypto.Tests;

/// <summary>One key shared by many threads, as the signer cache and account keys are.</summary>
public sealed class ConcurrencyTests
{
    [Theory]
    [MemberData(nameof(TestKeys.Implementations), MemberType = typeof(TestKeys))]
    public void Many_threads_verify_with_one_key(EcdsaImplementation implementation)
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        using EcdsaPublicKey verifier = TestKeys.Public(key, EcdsaCurve.P256, implementation);
        var cases = Enumerable.Range(0, 16).Select(i =>
        {
            byte[] data = BitConverter.GetBytes(i);
            DSASignatureFormat format = TestKeys.Formats[i % 2];
            byte[] signature = key.SignData(data, HashAlgorithmName.SHA256, format);
            if (i % 3 == 0)
            {
                signature[^1] ^= 1;
            }

            return (Data: data, Signature: signature, Format: format, Valid: i % 3 != 0);
        }).ToArray();

        int wrong = 0;
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (int n = 0; n < 150; n++)
            {
                var c = cases[(n + t) % cases.Length];
                if (verifier.Verify(c.Data, c.Signature, c.Format) != c.Valid)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(0, wrong);
    }

    [Theory]
    [MemberData(nameof(TestKeys.Implementations), MemberType = typeof(TestKeys))]
    public void Dispose_during_verification_either_waits_or_refuses(EcdsaImplementation implementation)
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        byte[] data = [1, 2, 3];
        byte[] signature = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        for (int round = 0; round < 10; round++)
        {
            EcdsaPublicKey verifier = TestKeys.Public(key, EcdsaCurve.P256, implementation);
            int wrong = 0;
            using var started = new CountdownEvent(4);
            var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
            {
                started.Signal();
                for (int n = 0; n < 50; n++)
                {
                    try
                    {
                        if (!verifier.Verify(data, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
                        {
                            Interlocked.Increment(ref wrong);
                        }
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            started.Wait();
            verifier.Dispose();
            threads.ForEach(t => t.Join());
            Assert.Equal(0, wrong);
        }
    }
}
