using System.Formats.Asn1;
using System.Numerics;
using TnAcme.Acme;
using TnAcme.Issuance.X509;

namespace TnAcme.Issuance.Crl;

/// <summary>Writes and signs a v2 CRL (RFC 5280 §5) for the issuing CA, with CRL number and AKI.</summary>
public static class CrlWriter
{
    public static async Task<byte[]> WriteAsync(
        IssuingAuthority authority,
        IEnumerable<RevokedCertificate> revoked,
        BigInteger crlNumber,
        DateTimeOffset thisUpdate,
        DateTimeOffset nextUpdate,
        CancellationToken cancellationToken = default)
    {
        if (nextUpdate <= thisUpdate)
        {
            throw new ArgumentException("nextUpdate must be after thisUpdate", nameof(nextUpdate));
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteEncodedValue(authority.Signer.SignatureAlgorithmDer.Span);
            writer.WriteEncodedValue(authority.SubjectNameDer);
            DerBuilders.WriteTime(writer, thisUpdate);
            DerBuilders.WriteTime(writer, nextUpdate);
            List<RevokedCertificate> entries = revoked.OrderBy(r => r.SerialHex, StringComparer.Ordinal).ToList();
            if (entries.Count > 0)
            {
                using (writer.PushSequence())
                {
                    foreach (RevokedCertificate entry in entries)
                    {
                        WriteEntry(writer, entry);
                    }
                }
            }

            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (writer.PushSequence())
            {
                DerBuilders.WriteExtension(writer, X509Oids.AuthorityKeyIdentifier, false, DerBuilders.AuthorityKeyIdentifierValue(authority.KeyIdentifier));
                var number = new AsnWriter(AsnEncodingRules.DER);
                number.WriteInteger(crlNumber);
                DerBuilders.WriteExtension(writer, X509Oids.CrlNumber, false, number.Encode());
            }
        }

        byte[] tbs = writer.Encode();
        byte[] signature = await authority.Signer.SignAsync(tbs, cancellationToken);
        return SignedObject.Assemble(tbs, authority.Signer.SignatureAlgorithmDer.Span, signature);
    }

    private static void WriteEntry(AsnWriter writer, RevokedCertificate entry)
    {
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(Convert.FromHexString(entry.SerialHex));
            DerBuilders.WriteTime(writer, entry.RevokedAt);

            // RFC 5280 §5.3.1: omit reasonCode rather than write "unspecified".
            if (entry.Reason != RevocationReason.Unspecified)
            {
                using (writer.PushSequence())
                {
                    var reason = new AsnWriter(AsnEncodingRules.DER);
                    reason.WriteEnumeratedValue(entry.Reason);
                    DerBuilders.WriteExtension(writer, X509Oids.CrlReason, false, reason.Encode());
                }
            }
        }
    }
}
