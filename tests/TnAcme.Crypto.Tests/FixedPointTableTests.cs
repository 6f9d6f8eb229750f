using System.Security.Cryptography;
using TnAcme.Crypto.Tests.Support;

namespace TnAcme.Crypto.Tests;

/// <summary>
/// P-256 keys verifying through a table of their own multiples (OpenSSL) answer exactly as .NET's ECDsa does: the
/// verification there is ECDSA written out from OpenSSL's number and point functions, so it is checked on its own.
/// </summary>
public sealed class FixedPointTableTests
{
    private const DSASignatureFormat P1363 = DSASignatureFormat.IeeeP1363FixedFieldConcatenation;
    private static readonly HashAlgorithmName[] Hashes = [HashAlgorithmName.SHA256, HashAlgorithmName.SHA384, HashAlgorithmName.SHA512];

    private static readonly byte[] Order = Convert.FromHexString("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

    private static EcdsaPublicKey WithTable(ECDsa key)
    {
        EcdsaPublicKey verifier = TestKeys.Public(key, EcdsaCurve.P256, EcdsaImplementation.OpenSsl);
        Assert.True(verifier.TryBuildFixedPointTable());
        Assert.True(verifier.HasFixedPointTable);
        return verifier;
    }

    [Fact]
    public void Valid_and_tampered_signatures_get_the_answer_dotnet_gives()
    {
        var random = new Random(9447);
        int valid = 0;
        using ECDsa other = TestKeys.Generate(EcdsaCurve.P256);
        for (int k = 0; k < 24; k++)
        {
            using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
            using EcdsaPublicKey verifier = WithTable(key);
            for (int m = 0; m < 6; m++)
            {
                byte[] data = new byte[random.Next(0, 200)];
                random.NextBytes(data);
                HashAlgorithmName hash = Hashes[m % Hashes.Length];
                byte[] signature = key.SignData(data, hash, P1363);
                Assert.True(verifier.Verify(data, signature, hash, P1363));
                valid++;

                byte[] tampered = (byte[])signature.Clone();
                tampered[random.Next(tampered.Length)] ^= (byte)(1 << random.Next(8));
                Assert.Equal(Reference.Verify(key, data, tampered, hash, P1363), verifier.Verify(data, tampered, hash, P1363));
                Assert.False(verifier.Verify(data, tampered, hash, P1363));

                byte[] otherData = [.. data, 0x01];
                Assert.False(verifier.Verify(otherData, signature, hash, P1363));
                Assert.False(verifier.Verify(data, other.SignData(data, hash, P1363), hash, P1363));

                // r and s swapped: a well-formed signature that is not this one.
                byte[] swapped = [.. signature[32..], .. signature[..32]];
                Assert.Equal(Reference.Verify(key, data, swapped, hash, P1363), verifier.Verify(data, swapped, hash, P1363));
            }
        }

        Assert.Equal(24 * 6, valid);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(32)]
    [InlineData(48)]
    [InlineData(64)]
    public void Digests_shorter_or_longer_than_the_order_are_used_as_ecdsa_says(int digestLength)
    {
        var random = new Random(digestLength);
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        using EcdsaPublicKey verifier = WithTable(key);
        for (int i = 0; i < 10; i++)
        {
            byte[] digest = new byte[digestLength];
            random.NextBytes(digest);
            byte[] signature = key.SignHash(digest, P1363);
            Assert.True(key.VerifyHash(digest, signature, P1363));
            Assert.True(verifier.VerifyHash(digest, signature, P1363));

            // Past the order's 256 bits the digest does not count; before them every bit does.
            byte[] changed = (byte[])digest.Clone();
            changed[^1] ^= 1;
            Assert.Equal(key.VerifyHash(changed, signature, P1363), verifier.VerifyHash(changed, signature, P1363));
            Assert.Equal(digestLength > 32, verifier.VerifyHash(changed, signature, P1363));
        }
    }

    [Fact]
    public void Edge_values_of_r_and_s_are_answered_as_dotnet_answers()
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        using EcdsaPublicKey verifier = WithTable(key);
        byte[] data = "edge"u8.ToArray();
        byte[] one = new byte[32];
        one[^1] = 1;
        byte[] nMinusOne = (byte[])Order.Clone();
        nMinusOne[^1] -= 1;
        byte[] signed = key.SignData(data, HashAlgorithmName.SHA256, P1363);
        byte[][] candidates =
        [
            [.. one, .. one],
            [.. nMinusOne, .. nMinusOne],
            [.. one, .. nMinusOne],
            [.. signed[..32], .. one],
            [.. signed[..32], .. nMinusOne],
            [.. nMinusOne, .. signed[32..]],
            [.. Order, .. signed[32..]],
            [.. signed[..32], .. Order],
            [.. new byte[32], .. signed[32..]],
        ];
        foreach (byte[] candidate in candidates)
        {
            Assert.Equal(Reference.Verify(key, data, candidate, HashAlgorithmName.SHA256, P1363), verifier.Verify(data, candidate, P1363));
            Assert.False(verifier.Verify(data, candidate, P1363));
        }

        Assert.True(verifier.Verify(data, signed, P1363));
    }

    [Fact]
    public void Der_signatures_still_verify_on_a_key_with_a_table()
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        using EcdsaPublicKey verifier = WithTable(key);
        byte[] data = "csr"u8.ToArray();
        byte[] der = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        Assert.True(verifier.Verify(data, der, DSASignatureFormat.Rfc3279DerSequence));
        der[^1] ^= 1;
        Assert.False(verifier.Verify(data, der, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void A_key_gets_its_table_after_verifying_often_and_answers_the_same_with_it()
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        using EcdsaPublicKey verifier = TestKeys.Public(key, EcdsaCurve.P256, EcdsaImplementation.OpenSsl);
        byte[] data = "often"u8.ToArray();
        byte[] signature = key.SignData(data, HashAlgorithmName.SHA256, P1363);
        byte[] wrong = key.SignData("other"u8.ToArray(), HashAlgorithmName.SHA256, P1363);
        for (int i = 0; i < 10; i++)
        {
            Assert.True(verifier.Verify(data, signature, P1363));
        }

        Assert.False(verifier.HasFixedPointTable);
        for (int i = 10; i < TnAcme.Crypto.OpenSsl.OpenSslEcdsaVerifier.TableAfter; i++)
        {
            Assert.True(verifier.Verify(data, signature, P1363));
        }

        // Built in the background; other tests may hold tables too, so only wait while there is room for one.
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (!verifier.HasFixedPointTable && DateTime.UtcNow < deadline
            && TnAcme.Crypto.OpenSsl.FixedPointTable.Live < TnAcme.Crypto.OpenSsl.OpenSslEcdsaVerifier.MaxTables)
        {
            Thread.Sleep(20);
        }

        Assert.True(verifier.HasFixedPointTable);
        Assert.True(verifier.Verify(data, signature, P1363));
        Assert.False(verifier.Verify(data, wrong, P1363));
    }

    [Fact]
    public void Only_p256_openssl_keys_get_tables()
    {
        using ECDsa p384 = TestKeys.Generate(EcdsaCurve.P384);
        using EcdsaPublicKey onP384 = TestKeys.Public(p384, EcdsaCurve.P384, EcdsaImplementation.OpenSsl);
        Assert.False(onP384.TryBuildFixedPointTable());
        using ECDsa p256 = TestKeys.Generate(EcdsaCurve.P256);
        using EcdsaPublicKey dotnet = TestKeys.Public(p256, EcdsaCurve.P256, EcdsaImplementation.DotNet);
        Assert.False(dotnet.TryBuildFixedPointTable());
        Assert.False(dotnet.HasFixedPointTable);
    }

    [Fact]
    public void One_table_verifies_on_many_threads_at_once()
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        using EcdsaPublicKey verifier = WithTable(key);
        byte[][] messages = [.. Enumerable.Range(0, 16).Select(i => BitConverter.GetBytes(i))];
        byte[][] signatures = [.. messages.Select(m => key.SignData(m, HashAlgorithmName.SHA256, P1363))];
        int wrongAnswers = 0;
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            int m = i % messages.Length;
            // Every other check uses the neighbour's signature, which must fail.
            byte[] signature = i % 2 == 0 ? signatures[m] : signatures[(m + 1) % messages.Length];
            if (verifier.Verify(messages[m], signature, P1363) != (i % 2 == 0))
            {
                Interlocked.Increment(ref wrongAnswers);
            }
        });
        Assert.Equal(0, wrongAnswers);
    }

    [Fact]
    public void A_disposed_key_with_a_table_refuses_to_verify()
    {
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        EcdsaPublicKey verifier = WithTable(key);
        byte[] data = "gone"u8.ToArray();
        byte[] signature = key.SignData(data, HashAlgorithmName.SHA256, P1363);
        Assert.True(verifier.Verify(data, signature, P1363));
        verifier.Dispose();
        Assert.False(verifier.HasFixedPointTable);
        Assert.Throws<ObjectDisposedException>(() => verifier.Verify(data, signature, P1363));
    }
}
