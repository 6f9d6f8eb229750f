using BenchmarkDotNet.Attributes;
using TnAcme.Issuance;
using TnAcme.Issuance.Linting;
using TnAcme.Issuance.Signing;
using TnAcme.Issuance.X509;

namespace TnAcme.Benchmarks;

/// <summary>
/// The tn-shortlived single-number issuance taken apart: each step of <see cref="CertificateIssuer.Prepare"/>
/// and <see cref="CertificateIssuer.IssueAsync"/> on its own, with the same inputs.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class IssuanceBreakdownBenchmarks
{
    private readonly CertificateLinter _linter = new();
    private IssuanceFixture _fixture = null!;
    private CompiledProfile _compiled = null!;
    private SoftwareSigner _signer = null!;
    private IssuanceRequest _request = null!;
    private byte[] _serial = null!;
    private DateTimeOffset _notBefore;
    private DateTimeOffset _notAfter;
    private byte[] _tbs = null!;
    private byte[] _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = IssuanceFixture.Create();
        _request = _fixture.SingleNumber;
        _compiled = new CompiledProfile(_fixture.Profiles[_request.ProfileName], _fixture.Authority);
        _signer = (SoftwareSigner)_fixture.Authority.Signer;
        _serial = SerialNumbers.Next();
        _notBefore = DateTimeOffset.UtcNow.AddSeconds(-_compiled.Profile.BackdateSeconds);
        _notAfter = _notBefore + _compiled.Profile.DefaultValidity;
        _tbs = TbsCertificateWriter.Write(_compiled, _serial, _notBefore, _notAfter, _request);
        _signature = _signer.Sign(_tbs);
        Console.WriteLine($"// tn-shortlived single-number TBSCertificate: {_tbs.Length} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    [Benchmark(Description = "Prepare (serial + TBS write + lint)")]
    public byte[] Prepare() => _fixture.Issuer.Prepare(_request).Tbs;

    [Benchmark(Description = "TBS write")]
    public byte[] WriteTbs() => TbsCertificateWriter.Write(_compiled, _serial, _notBefore, _notAfter, _request);

    [Benchmark(Description = "Lint (parse + rules)")]
    public int Lint() => _linter.Lint(NewContext()).Count;

    [Benchmark(Description = "Lint: parse only")]
    public TbsCertificateView ParseTbs() => TbsCertificateView.Parse(_tbs);

    [Benchmark(Baseline = true, Description = "Sign (ECDSA P-256, SHA-256)")]
    public byte[] Sign() => _signer.Sign(_tbs);

    [Benchmark(Description = "Assemble certificate")]
    public byte[] Assemble() => SignedObject.Assemble(_tbs, _signer.SignatureAlgorithmDer.Span, _signature);

    [Benchmark(Description = "Serial number (CSPRNG)")]
    public byte[] Serial() => SerialNumbers.Next();

    private LintContext NewContext() => new(TbsCertificateView.Parse(_tbs), _compiled.Profile)
    {
        IssuerKeyIdentifier = _fixture.Authority.KeyIdentifier,
        IssuerTnAuthList = _fixture.Authority.TnAuthList,
        AuthorizedScope = _request.AuthorizedScope,
    };
}
