using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Stir;

namespace TnAcme.Client.Issuance;

/// <summary>
/// The PKCS#10 request finalize sends: a P-256 key (RFC 8226 §4), the TNAuthList in the extensionRequest with the
/// identifier's exact DER (how the CA matches it to the order), and basicConstraints cA=TRUE, pathLen 0 for a delegate CA.
/// </summary>
public static class StirCsr
{
    public static byte[] Create(ECDsa key, CertificateOrderRequest order)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(order);
        var request = new CertificateRequest(Subject(order), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509Extension(StirOids.TnAuthList, order.TnAuthList.ToDer(), critical: false));
        if (order.Ca)
        {
            // RFC 9060 §3: a delegate CA issues end-entity certificates only.
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        }

        return request.CreateSigningRequest();
    }

    /// <summary>
    /// The CA writes the subject from its profile (CN "SHAKEN &lt;SPC&gt;" and the like) and takes only O from the
    /// request; the CN here is a readable hint for logs and for CAs that copy it.
    /// </summary>
    private static X500DistinguishedName Subject(CertificateOrderRequest order)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(order.TnAuthList.Entries[0] switch
        {
            SpcEntry spc when order.TnAuthList.Entries.Length == 1 => $"SHAKEN {spc.Code.Value}",
            SpcEntry spc => $"STIR {spc.Code.Value}",
            OneEntry one => $"STIR {one.Number.Value}",
            RangeEntry range => $"STIR {range.Range}",
            _ => "STIR",
        });
        if (!string.IsNullOrWhiteSpace(order.Organization))
        {
            subject.AddOrganizationName(order.Organization);
        }

        return subject.Build();
    }
}
