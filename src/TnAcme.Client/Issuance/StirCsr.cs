using System.Formats.Asn1;
using System.Security.Cryptography;
using TnAcme.Stir;

namespace TnAcme.Client.Issuance;

/// <summary>
/// The PKCS#10 request finalize sends: a P-256 key (RFC 8226 §4), the TNAuthList in the extensionRequest with the
/// identifier's exact DER (how the CA matches it to the order), and basicConstraints cA=TRUE, pathLen 0 for a delegate CA.
/// </summary>
/// <remarks>
/// Written directly with <see cref="AsnWriter"/> (RFC 2986 §4): <c>CertificateRequest</c> costs several times the
/// signature, and devices renewing often, or a load generator, pay that on every certificate.
/// </remarks>
public static class StirCsr
{
    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    private const string ExtensionRequest = "1.2.840.113549.1.9.14";
    private const string BasicConstraints = "2.5.29.19";
    private const string CommonName = "2.5.4.3";
    private const string OrganizationName = "2.5.4.10";

    public static byte[] Create(ECDsa key, CertificateOrderRequest order)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Create(key, key.ExportSubjectPublicKeyInfo(), order);
    }

    /// <param name="subjectPublicKeyInfo">The DER SubjectPublicKeyInfo of <paramref name="key"/> (callers reusing a key pass it once exported).</param>
    public static byte[] Create(ECDsa key, ReadOnlySpan<byte> subjectPublicKeyInfo, CertificateOrderRequest order)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(order);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            WriteSubject(writer, order);
            writer.WriteEncodedValue(subjectPublicKeyInfo);
            using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0)))
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(ExtensionRequest);
                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    WriteExtension(writer, StirOids.TnAuthList, critical: false, order.TnAuthList.ToDer());
                    if (order.Ca)
                    {
                        // RFC 9060 §3: a delegate CA issues end-entity certificates only.
                        WriteExtension(writer, BasicConstraints, critical: true, [0x30, 0x06, 0x01, 0x01, 0xFF, 0x02, 0x01, 0x00]);
                    }
                }
            }
        }

        byte[] info = writer.Encode();
        byte[] signature = key.SignData(info, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        writer.Reset();
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(info);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(EcdsaWithSha256);
            }

            writer.WriteBitString(signature);
        }

        return writer.Encode();
    }

    /// <summary>
    /// The CA writes the subject from its profile (CN "SHAKEN &lt;SPC&gt;" and the like) and takes only O from the
    /// request; the CN here is a readable hint for logs and for CAs that copy it.
    /// </summary>
    private static void WriteSubject(AsnWriter writer, CertificateOrderRequest order)
    {
        string commonName = order.TnAuthList.Entries[0] switch
        {
            SpcEntry spc when order.TnAuthList.Entries.Length == 1 => $"SHAKEN {spc.Code.Value}",
            SpcEntry spc => $"STIR {spc.Code.Value}",
            OneEntry one => $"STIR {one.Number.Value}",
            RangeEntry range => $"STIR {range.Range}",
            _ => "STIR",
        };
        using (writer.PushSequence())
        {
            WriteAttribute(writer, CommonName, commonName);
            if (!string.IsNullOrWhiteSpace(order.Organization))
            {
                WriteAttribute(writer, OrganizationName, order.Organization);
            }
        }
    }

    private static void WriteAttribute(AsnWriter writer, string oid, string value)
    {
        using (writer.PushSetOf())
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
        }
    }

    private static void WriteExtension(AsnWriter writer, string oid, bool critical, ReadOnlySpan<byte> value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (critical)
            {
                writer.WriteBoolean(true);
            }

            writer.WriteOctetString(value);
        }
    }
}
