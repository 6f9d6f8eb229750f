using BenchmarkDotNet.Attributes;
using TnAcme.Issuance;

namespace TnAcme.Benchmarks;

/// <summary>
/// The whole leaf issuance hot path, as the ACME server runs it: <see cref="CertificateIssuer.IssueAsync"/>
/// without a journal (write the TBSCertificate, lint it, sign it, assemble the certificate).
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class LeafIssuanceBenchmarks
{
    private IssuanceFixture _fixture = null!;
    private CertificateIssuer _issuer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = IssuanceFixture.Create();
        _issuer = _fixture.Issuer;
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    [Benchmark(Baseline = true, Description = "tn-shortlived, one TN")]
    public Task<IssuedCertificate> TnShortLivedSingleNumber() => _issuer.IssueAsync(_fixture.SingleNumber);

    [Benchmark(Description = "tn-shortlived, one TN, token scope checked")]
    public Task<IssuedCertificate> TnShortLivedSingleNumberWithScope() => _issuer.IssueAsync(_fixture.SingleNumberWithScope);

    [Benchmark(Description = "tn-shortlived, range of 100")]
    public Task<IssuedCertificate> TnShortLivedRange() => _issuer.IssueAsync(_fixture.Range);

    [Benchmark(Description = "shaken-sp, one SPC")]
    public Task<IssuedCertificate> ShakenServiceProvider() => _issuer.IssueAsync(_fixture.ServiceProvider);
}
