using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using TnAcme.Crypto;

namespace TnAcme.Benchmarks;

/// <summary>
/// P-256 verification and key creation, as the request path does them: .NET's <see cref="ECDsa"/> against
/// <see cref="EcdsaPublicKey"/> on OpenSSL's EC_KEY API, with a table of the key's own multiples (what a key that
/// verifies often gets), and on its .NET fallback. The signing input is the size of a
/// typical ACME JWS. <c>-- --filter '*EcdsaVerify*' --job short</c>.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EcdsaVerifyBenchmarks
{
    private ECDsa _signer = null!;
    private ECDsa _dotNetKey = null!;
    private EcdsaPublicKey _openSsl = null!;
    private EcdsaPublicKey _openSslTable = null!;
    private EcdsaPublicKey _fallback = null!;
    private byte[] _spki = null!;
    private byte[] _data = null!;
    private byte[] _p1363 = null!;
    private byte[] _der = null!;

    [GlobalSetup]
    public void Setup()
    {
        _signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _spki = _signer.ExportSubjectPublicKeyInfo();
        _dotNetKey = ECDsa.Create();
        _dotNetKey.ImportSubjectPublicKeyInfo(_spki, out _);
        _openSsl = EcdsaPublicKey.FromSubjectPublicKeyInfo(_spki, EcdsaImplementation.OpenSsl);
        _openSsl.NeverBuildFixedPointTable();
        _openSslTable = EcdsaPublicKey.FromSubjectPublicKeyInfo(_spki, EcdsaImplementation.OpenSsl);
        if (!_openSslTable.TryBuildFixedPointTable())
        {
            throw new InvalidOperationException("no fixed-point table on this libcrypto");
        }
        _fallback = EcdsaPublicKey.FromSubjectPublicKeyInfo(_spki, EcdsaImplementation.DotNet);
        _data = RandomNumberGenerator.GetBytes(400);
        _p1363 = _signer.SignData(_data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        _der = _signer.SignData(_data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _openSsl.Dispose();
        _openSslTable.Dispose();
        _fallback.Dispose();
        _dotNetKey.Dispose();
        _signer.Dispose();
    }

    [Benchmark(Baseline = true, Description = "ECDsa.VerifyData, r||s")]
    [BenchmarkCategory("verify")]
    public bool DotNetVerify() =>
        _dotNetKey.VerifyData(_data, _p1363, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark(Description = "EcdsaPublicKey (OpenSSL), r||s")]
    [BenchmarkCategory("verify")]
    public bool OpenSslVerify() => _openSsl.Verify(_data, _p1363, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark(Description = "EcdsaPublicKey (OpenSSL, the key's own table), r||s")]
    [BenchmarkCategory("verify")]
    public bool OpenSslTableVerify() => _openSslTable.Verify(_data, _p1363, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark(Description = "EcdsaPublicKey (OpenSSL), DER")]
    [BenchmarkCategory("verify")]
    public bool OpenSslVerifyDer() => _openSsl.Verify(_data, _der, DSASignatureFormat.Rfc3279DerSequence);

    [Benchmark(Description = "EcdsaPublicKey (.NET fallback), r||s")]
    [BenchmarkCategory("verify")]
    public bool FallbackVerify() => _fallback.Verify(_data, _p1363, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark(Baseline = true, Description = "ECDsa.ImportSubjectPublicKeyInfo")]
    [BenchmarkCategory("create")]
    public int DotNetImport()
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(_spki, out int read);
        return read;
    }

    [Benchmark(Description = "EcdsaPublicKey.FromSubjectPublicKeyInfo (OpenSSL)")]
    [BenchmarkCategory("create")]
    public EcdsaCurve OpenSslCreate()
    {
        using EcdsaPublicKey key = EcdsaPublicKey.FromSubjectPublicKeyInfo(_spki, EcdsaImplementation.OpenSsl);
        return key.Curve;
    }

    [Benchmark(Description = "EcdsaPublicKey.FromSubjectPublicKeyInfo (.NET fallback)")]
    [BenchmarkCategory("create")]
    public EcdsaCurve FallbackCreate()
    {
        using EcdsaPublicKey key = EcdsaPublicKey.FromSubjectPublicKeyInfo(_spki, EcdsaImplementation.DotNet);
        return key.Curve;
    }
}
