using System.Security.Cryptography.X509Certificates;
using TnAcme.Issuance.Signing;
using TnAcme.Issuance.X509;
using TnAcme.Stir;

namespace TnAcme.Issuance;

/// <summary>An issuing CA: its certificate, the chain up to the root, and the signer holding its key.</summary>
public sealed class IssuingAuthority : IDisposable
{
    public IssuingAuthority(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chainAboveIssuer, ISigner signer)
    {
        Certificate = certificate;
        ChainAboveIssuer = chainAboveIssuer;
        Signer = signer;
        if (!certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(signer.SubjectPublicKeyInfoDer.Span))
        {
            throw new InvalidOperationException("the issuing CA's key does not match its certificate");
        }

        SubjectNameDer = certificate.SubjectName.RawData;
        NotAfterUtc = certificate.NotAfter.ToUniversalTime();
        KeyIdentifier = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault() is { } ski
            ? Convert.FromHexString(ski.SubjectKeyIdentifier!)
            : DerBuilders.KeyIdentifier(signer.SubjectPublicKeyInfoDer.Span);
        X509Extension? tnExt = certificate.Extensions[StirOids.TnAuthList];
        if (tnExt is not null)
        {
            TnAuthList = Stir.TnAuthList.Decode(tnExt.RawData);
        }
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Certificates above the issuing CA, nearest first, root last.</summary>
    public IReadOnlyList<X509Certificate2> ChainAboveIssuer { get; }

    public ISigner Signer { get; }

    public byte[] SubjectNameDer { get; }

    /// <summary>The CA certificate's notAfter in UTC, read once: nothing it issues may outlive it.</summary>
    public DateTimeOffset NotAfterUtc { get; }

    public byte[] KeyIdentifier { get; }

    /// <summary>The CA's own TNAuthList, if it has one: it then limits everything it issues (RFC 8226 §9).</summary>
    public TnAuthList? TnAuthList { get; }

    public void Dispose()
    {
        Signer.Dispose();
        Certificate.Dispose();
        foreach (X509Certificate2 c in ChainAboveIssuer)
        {
            c.Dispose();
        }
    }
}
