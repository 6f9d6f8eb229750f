using System.Security.Cryptography;
using System.Text;
using TnAcme.Issuance.Signing;

namespace TnAcme.Issuance.Tests.Signing;

/// <summary>
/// What every <see cref="ISigner"/> must do, whatever holds the key: sign SHA-256 + ECDSA P-256, return DER
/// Ecdsa-Sig-Value that .NET and OpenSSL accept under the advertised SubjectPublicKeyInfo, be safe to call
/// concurrently, and refuse to sign once disposed. Each implementation gets a subclass.
/// </summary>
public abstract class SignerContractTests
{
    private static readonly byte[] EcdsaWithSha256AlgorithmIdentifier = Convert.FromHexString("300A06082A8648CE3D040302");

    protected abstract ISigner CreateSigner();

    [Fact]
    public void Signature_algorithm_is_ecdsa_with_SHA256_without_parameters()
    {
        using var signer = CreateSigner();
        Assert.Equal(EcdsaWithSha256AlgorithmIdentifier, signer.SignatureAlgorithmDer.ToArray());
    }

    [Fact]
    public void Public_key_is_a_P256_SubjectPublicKeyInfo()
    {
        using var signer = CreateSigner();
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(signer.SubjectPublicKeyInfoDer.Span, out var consumed);
        Assert.Equal(signer.SubjectPublicKeyInfoDer.Length, consumed);
        Assert.Equal(256, key.KeySize);
        Assert.Equal("1.2.840.10045.3.1.7", key.ExportParameters(false).Curve.Oid.Value);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), signer.SubjectPublicKeyInfoDer.ToArray());
    }

    [Fact]
    public async Task Signature_is_strict_DER_and_verifies_with_dotnet()
    {
        using var signer = CreateSigner();
        var data = Encoding.ASCII.GetBytes("tbsCertificate stand-in");
        var signature = await signer.SignAsync(data);

        SignatureChecks.AssertStrictDer(signature);
        Assert.True(SignatureChecks.VerifiesWithDotNet(signer.SubjectPublicKeyInfoDer, data, signature));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(100_000)]
    public async Task Signatures_over_data_of_any_length_verify(int length)
    {
        using var signer = CreateSigner();
        var data = RandomNumberGenerator.GetBytes(length);
        var signature = await signer.SignAsync(data);
        Assert.True(SignatureChecks.VerifiesWithDotNet(signer.SubjectPublicKeyInfoDer, data, signature));
    }

    [Fact]
    public async Task Signatures_over_different_data_differ_and_each_verifies_only_its_own_data()
    {
        using var signer = CreateSigner();
        var first = Encoding.ASCII.GetBytes("first");
        var second = Encoding.ASCII.GetBytes("second");
        var firstSignature = await signer.SignAsync(first);
        var secondSignature = await signer.SignAsync(second);

        Assert.NotEqual(firstSignature, secondSignature);
        Assert.True(SignatureChecks.VerifiesWithDotNet(signer.SubjectPublicKeyInfoDer, first, firstSignature));
        Assert.True(SignatureChecks.VerifiesWithDotNet(signer.SubjectPublicKeyInfoDer, second, secondSignature));
        Assert.False(SignatureChecks.VerifiesWithDotNet(signer.SubjectPublicKeyInfoDer, first, secondSignature));
        Assert.False(SignatureChecks.VerifiesWithDotNet(signer.SubjectPublicKeyInfoDer, second, firstSignature));
    }

    [Fact]
    public async Task Signing_the_same_data_twice_gives_two_valid_signatures()
    {
        using var signer = CreateSigner();
        var data = Encoding.ASCII.GetBytes("same");
        var a = await signer.SignAsync(data);
        var b = await signer.SignAsync(data);
        Assert.True(SignatureChecks.VerifiesWithDotNet(signer.SubjectPublicKeyInfoDer, data, a));
        Assert.True(SignatureChecks.VerifiesWithDotNet(signer.SubjectPublicKeyInfoDer, data, b));
    }

    [Fact]
    public async Task Sixty_four_concurrent_signatures_all_verify()
    {
        using var signer = CreateSigner();
        var inputs = Enumerable.Range(0, 64).Select(i => Encoding.ASCII.GetBytes($"certificate #{i}")).ToArray();

        var signatures = await Task.WhenAll(inputs.Select(data => Task.Run(async () => await signer.SignAsync(data))));

        for (var i = 0; i < inputs.Length; i++)
        {
            SignatureChecks.AssertStrictDer(signatures[i]);
            Assert.True(
                SignatureChecks.VerifiesWithDotNet(signer.SubjectPublicKeyInfoDer, inputs[i], signatures[i]),
                $"signature #{i} does not verify");
        }
    }

    [Fact]
    public async Task OpenSsl_verifies_the_signature()
    {
        using var signer = CreateSigner();
        var data = Encoding.ASCII.GetBytes("checked by an independent implementation");
        var signature = await signer.SignAsync(data);

        var (exit, output) = SignatureChecks.VerifyWithOpenSsl(signer.SubjectPublicKeyInfoDer, data, signature);
        Assert.Equal(0, exit);
        Assert.Equal("Verified OK", output);

        var (tamperedExit, tamperedOutput) = SignatureChecks.VerifyWithOpenSsl(
            signer.SubjectPublicKeyInfoDer, Encoding.ASCII.GetBytes("something else"), signature);
        Assert.NotEqual(0, tamperedExit);
        Assert.Contains("Verification failure", tamperedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_after_Dispose_throws_ObjectDisposedException()
    {
        var signer = CreateSigner();
        signer.Dispose();
        signer.Dispose(); // idempotent

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await signer.SignAsync(new byte[] { 1, 2, 3 }));
    }
}

public sealed class SoftwareSignerContractTests : SignerContractTests
{
    protected override ISigner CreateSigner() => new SoftwareSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256));
}

[Collection(SoftHsmCollection.Name)]
public sealed class Pkcs11SignerContractTests(SoftHsmFixture softHsm) : SignerContractTests
{
    protected override ISigner CreateSigner() => Pkcs11Signer.Open(softHsm.Options());
}
