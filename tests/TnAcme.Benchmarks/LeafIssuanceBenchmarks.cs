using BenchmarkDotNet.Attributes;
using TnAcme.Issuance;
using TnAcme.Issuance.Signing;

namespace TnAcme.Benchmarks;

/// <summary>
/// The whole leaf issuance hot path, as the ACME server runs it: <see cref="CertificateIssuer.IssueAsync"/>
/// without a journal (write the TBSCertificate, lint it, sign it, assemble the certificate). The baseline is the
/// signature alone, so the Ratio column reads as "cost of a leaf in signatures".
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class LeafIssuanceBenchmarks
{
    private IssuanceFixture _fixture = null!;
    private CertificateIssuer _issuer = null!;
    private SoftwareSigner _signer = null!;
    private byte[] _tbs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = IssuanceFixture.Create();
        _issuer = _fixture.Issuer;
        _signer = (SoftwareSigner)_fixture.Authority.Signer;
        _tbs = _issuer.Prepare(_fixture.SingleNumber).Tbs;
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    /// <summary>The floor: the issuing CA's signature alone over a tn-shortlived TBS, measured in the same run.</summary>
    [Benchmark(Baseline = true, Description = "baseline: ECDSA P-256 signature only")]
    public byte[] SignatureOnly() => _signer.Sign(_tbs);

    [Benchmark(Description = "tn-shortlived, one TN")]
    public Task<IssuedCertificate> TnShortLivedSingleNumber() => _issuer.IssueAsync(_fixture.SingleNumber);

    [Benchmark(Description = "tn-shortlived, one TN, token scope checked")]
    public Task<IssuedCertificate> TnShortLivedSingleNumberWithScope() => _issuer.IssueAsync(_fixture.SingleNumberWithScope);

    [Benchmark(Description = "tn-shortlived, range of 100")]
    public Task<IssuedCertificate> TnShortLivedRange() => _issuer.IssueAsync(_fixture.Range);

    [Benchmark(Description = "shaken-sp, one SPC")]
    public Task<IssuedCertificate> ShakenServiceProvider() => _issuer.IssueAsync(_fixture.ServiceProvider);
}
