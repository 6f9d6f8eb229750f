using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using TnAcme.Issuance;
using TnAcme.Stir;

namespace TnAcme.Benchmarks;

/// <summary>
/// For comparison: the .NET <see cref="CertificateRequest"/> builder producing an equivalent tn-shortlived leaf
/// (same subject, key, validity and extensions, the TNAuthList and noRevAvail as custom extensions), with no lint.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class CertificateRequestComparisonBenchmarks
{
    private static readonly byte[] NullDer = [0x05, 0x00];

    private IssuanceFixture _fixture = null!;
    private PublicKey _subscriberKey = null!;
    private X509SignatureGenerator _generator = null!;
    private X500DistinguishedName _issuerName = null!;
    private X509AuthorityKeyIdentifierExtension _aki = null!;
    private IssuanceRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = IssuanceFixture.Create();
        _request = _fixture.SingleNumber;
        _subscriberKey = PublicKey.CreateFromSubjectPublicKeyInfo(_fixture.SubscriberSpki, out _);
        _generator = X509SignatureGenerator.CreateForECDsa(_fixture.IssuerKey);
        _issuerName = _fixture.Authority.Certificate.SubjectName;
        _aki = X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(_fixture.Authority.KeyIdentifier);
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    [Benchmark(Description = "CertificateRequest.Create, tn-shortlived one TN")]
    public byte[] CertificateRequestCreate()
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("US");
        subject.AddCommonName("STIR 12025550123");
        var request = new CertificateRequest(subject.Build(), _subscriberKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(_subscriberKey, critical: false));
        request.CertificateExtensions.Add(_aki);
        request.CertificateExtensions.Add(new X509Extension(StirOids.TnAuthList, _request.TnAuthList.Der, critical: false));
        request.CertificateExtensions.Add(new X509Extension(StirOids.NoRevAvail, NullDer, critical: false));

        Span<byte> serial = stackalloc byte[SerialNumbers.Length];
        SerialNumbers.Fill(serial);
        DateTimeOffset notBefore = DateTimeOffset.UtcNow.AddSeconds(-60);
        using X509Certificate2 cert = request.Create(_issuerName, _generator, notBefore, notBefore.AddHours(24).AddSeconds(60), serial);
        return cert.RawData;
    }
}
