using System.Formats.Asn1;
using System.Security.Cryptography;

namespace TnAcme.Issuance.X509;

/// <summary>Small DER pieces of X.509, written once and reused; hot paths copy bytes instead of re-encoding.</summary>
public static class DerBuilders
{
    public static byte[] Extension(string oid, bool critical, ReadOnlySpan<byte> value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        WriteExtension(writer, oid, critical, value);
        return writer.Encode();
    }

    public static void WriteExtension(AsnWriter writer, string oid, bool critical, ReadOnlySpan<byte> value)
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

    /// <summary>An RDNSequence, one attribute per RDN; C as PrintableString, the rest UTF8String (RFC 5280 §4.1.2.6).</summary>
    public static byte[] Name(IEnumerable<(string Oid, string Value)> attributes)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        WriteName(writer, attributes);
        return writer.Encode();
    }

    public static void WriteName(AsnWriter writer, IEnumerable<(string Oid, string Value)> attributes)
    {
        using (writer.PushSequence())
        {
            foreach (var (oid, value) in attributes)
            {
                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(oid);
                    UniversalTagNumber type = oid is X509Oids.Country or X509Oids.SerialNumber
                        ? UniversalTagNumber.PrintableString
                        : UniversalTagNumber.UTF8String;
                    writer.WriteCharacterString(type, value);
                }
            }
        }
    }

    /// <summary>RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's value.</summary>
    public static byte[] KeyIdentifier(ReadOnlySpan<byte> subjectPublicKeyInfoDer)
    {
        var reader = new AsnReader(subjectPublicKeyInfoDer.ToArray(), AsnEncodingRules.DER);
        AsnReader spki = reader.ReadSequence();
        spki.ReadSequence();
        byte[] key = spki.ReadBitString(out _);
        return SHA1.HashData(key);
    }

    public static byte[] SubjectKeyIdentifierValue(ReadOnlySpan<byte> keyId)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(keyId);
        return writer.Encode();
    }

    public static byte[] AuthorityKeyIdentifierValue(ReadOnlySpan<byte> keyId)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteOctetString(keyId, new Asn1Tag(TagClass.ContextSpecific, 0));
        }

        return writer.Encode();
    }

    public static byte[] BasicConstraintsValue(bool ca, int? pathLength)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            if (ca)
            {
                writer.WriteBoolean(true);
                if (pathLength is int len)
                {
                    writer.WriteInteger(len);
                }
            }
        }

        return writer.Encode();
    }

    public static byte[] KeyUsageValue(System.Security.Cryptography.X509Certificates.X509KeyUsageFlags flags) =>
        new System.Security.Cryptography.X509Certificates.X509KeyUsageExtension(flags, critical: true).RawData;

    public static byte[] CertificatePoliciesValue(IEnumerable<string> oids)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (string oid in oids)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(oid);
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>CRLDistributionPoints with one DistributionPoint: fullName URI and, optionally, cRLIssuer.</summary>
    public static byte[] CrlDistributionPointsValue(string url, byte[]? crlIssuerName)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            {
                writer.WriteCharacterString(UniversalTagNumber.IA5String, url, new Asn1Tag(TagClass.ContextSpecific, 6));
            }

            if (crlIssuerName is not null)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, true)))
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, true)))
                {
                    writer.WriteEncodedValue(crlIssuerName);
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>Times per RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime after; whole seconds.</summary>
    public static void WriteTime(AsnWriter writer, DateTimeOffset time)
    {
        time = new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        if (time.Year < 2050)
        {
            writer.WriteUtcTime(time);
        }
        else
        {
            writer.WriteGeneralizedTime(time, omitFractionalSeconds: true);
        }
    }

    public static readonly byte[] NullValue = [0x05, 0x00];
}
