using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Issuance.Signing;

namespace TnAcme.Issuance.X509;

/// <summary>Writes and signs the CA certificates of the hierarchy (root and issuing CA). Rare, so built plainly.</summary>
public static class CaCertificateWriter
{
    public static async Task<byte[]> IssueAsync(
        X500DistinguishedName subject,
        ReadOnlyMemory<byte> subjectPublicKeyInfo,
        X500DistinguishedName issuer,
        ISigner issuerSigner,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter,
        int? pathLength,
        IReadOnlyList<string> certificatePolicies,
        CancellationToken cancellationToken)
    {
        byte[] ski = DerBuilders.KeyIdentifier(subjectPublicKeyInfo.Span);
        byte[] aki = DerBuilders.KeyIdentifier(issuerSigner.SubjectPublicKeyInfoDer.Span);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            {
                writer.WriteInteger(2);
            }

            writer.WriteIntegerUnsigned(SerialNumbers.Next());
            writer.WriteEncodedValue(issuerSigner.SignatureAlgorithmDer.Span);
            writer.WriteEncodedValue(issuer.RawData);
            using (writer.PushSequence())
            {
                DerBuilders.WriteTime(writer, notBefore);
                DerBuilders.WriteTime(writer, notAfter);
            }

            writer.WriteEncodedValue(subject.RawData);
            writer.WriteEncodedValue(subjectPublicKeyInfo.Span);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3, true)))
            using (writer.PushSequence())
            {
                DerBuilders.WriteExtension(writer, X509Oids.BasicConstraints, true, DerBuilders.BasicConstraintsValue(true, pathLength));
                DerBuilders.WriteExtension(writer, X509Oids.KeyUsage, true, DerBuilders.KeyUsageValue(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign));
                DerBuilders.WriteExtension(writer, X509Oids.SubjectKeyIdentifier, false, DerBuilders.SubjectKeyIdentifierValue(ski));
                DerBuilders.WriteExtension(writer, X509Oids.AuthorityKeyIdentifier, false, DerBuilders.AuthorityKeyIdentifierValue(aki));
                if (certificatePolicies.Count > 0)
                {
                    DerBuilders.WriteExtension(writer, X509Oids.CertificatePolicies, false, DerBuilders.CertificatePoliciesValue(certificatePolicies));
                }
            }
        }

        byte[] tbs = writer.Encode();
        byte[] signature = await issuerSigner.SignAsync(tbs, cancellationToken);
        return SignedObject.Assemble(tbs, issuerSigner.SignatureAlgorithmDer.Span, signature);
    }
}
