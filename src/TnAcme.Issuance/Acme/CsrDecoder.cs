using TnAcme.Acme.Issuance;
using TnAcme.Acme.Problems;
using TnAcme.Issuance.X509;
using TnAcme.Stir;

namespace TnAcme.Issuance.Acme;

/// <summary>ACME's view of a CSR, through the same strict PKCS#10 parser offline issuance uses.</summary>
public sealed class CsrDecoder : ICsrDecoder
{
    public CsrFacts Decode(ReadOnlyMemory<byte> der)
    {
        Pkcs10Request csr;
        try
        {
            csr = Pkcs10Request.Parse(der);
        }
        catch (CsrException e)
        {
            throw new AcmeProblemException(AcmeProblem.BadCsr(e.Message));
        }

        return new CsrFacts
        {
            SubjectPublicKeyInfo = csr.SubjectPublicKeyInfoDer,
            TnAuthListDer = csr.TnAuthList?.ToDer(),
            RequestsCa = csr.RequestsCa,
            IsP256 = csr.HasP256Key,
            Organization = csr.Organization,
            OtherRequestedExtensions = csr.RequestedExtensions
                .Select(e => e.Oid)
                .Where(oid => oid is not StirOids.TnAuthList and not X509Oids.BasicConstraints)
                .ToList(),
        };
    }
}
