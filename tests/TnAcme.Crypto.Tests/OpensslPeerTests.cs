using System.Security.Cryptography;
using TnAcme.Crypto.Tests.Support;

namespace TnAcme.Crypto.Tests;

/// <summary>An independent signer: keys and signatures made by the openssl command line.</summary>
public sealed class OpensslPeerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("prime256v1", "-sha256", "P-256")]
    [InlineData("prime256v1", "-sha384", "P-256")]
    [InlineData("secp384r1", "-sha384", "P-384")]
    [InlineData("secp521r1", "-sha512", "P-521")]
    public async Task Signatures_from_openssl_dgst_verify(string opensslCurve, string digest, string curveName)
    {
        string key = _dir.File($"{opensslCurve}.pem"), pub = _dir.File($"{opensslCurve}.spki"), data = _dir.File("data.bin"), sig = _dir.File($"{opensslCurve}{digest}.sig");
        await File.WriteAllBytesAsync(data, RandomNumberGenerator.GetBytes(1000));
        await Run("ecparam", "-name", opensslCurve, "-genkey", "-noout", "-out", key);
        await Run("ec", "-in", key, "-pubout", "-outform", "DER", "-out", pub);
        await Run("dgst", digest, "-sign", key, "-out", sig, data);

        byte[] message = await File.ReadAllBytesAsync(data);
        byte[] signature = await File.ReadAllBytesAsync(sig);
        byte[] spki = await File.ReadAllBytesAsync(pub);
        HashAlgorithmName hash = new(digest[1..].ToUpperInvariant());
        foreach (EcdsaImplementation implementation in Enum.GetValues<EcdsaImplementation>())
        {
            using EcdsaPublicKey verifier = EcdsaPublicKey.FromSubjectPublicKeyInfo(spki, implementation);
            Assert.Equal(curveName, verifier.Curve.Name);
            Assert.True(verifier.Verify(message, signature, hash, DSASignatureFormat.Rfc3279DerSequence), $"{implementation}");
            message[0] ^= 1;
            Assert.False(verifier.Verify(message, signature, hash, DSASignatureFormat.Rfc3279DerSequence), $"{implementation}");
            message[0] ^= 1;
        }
    }

    private static async Task Run(params string[] arguments)
    {
        var run = await ExternalTool.RunAsync("openssl", arguments);
        Assert.True(run.ExitCode == 0, run.Stderr);
    }
}
