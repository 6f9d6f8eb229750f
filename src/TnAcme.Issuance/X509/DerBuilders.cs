using System.Buffers;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

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

    /// <summary>The same as <see cref="WriteExtension(AsnWriter, string, bool, ReadOnlySpan{byte})"/> with the OID already in DER.</summary>
    internal static void WriteExtension(AsnWriter writer, ReadOnlySpan<byte> oidDer, bool critical, ReadOnlySpan<byte> value)
    {
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(oidDer);
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

    /// <summary>Length of a key identifier: a SHA-1 hash.</summary>
    public const int KeyIdentifierLength = SHA1.HashSizeInBytes;

    /// <summary>
    /// Writes one RDN, <c>SET { SEQUENCE { type, UTF8String value } }</c>: the bytes <see cref="WriteName"/> writes for
    /// a UTF8String attribute, without the general SET OF sorting (a set of one is already sorted).
    /// </summary>
    internal static void WriteUtf8Rdn(AsnWriter writer, ReadOnlySpan<byte> oidDer, string value)
    {
        int valueLength = StrictUtf8.GetByteCount(value);
        int stringLength = 1 + LengthOfLength(valueLength) + valueLength;
        int atvContentLength = oidDer.Length + stringLength;
        int atvLength = 1 + LengthOfLength(atvContentLength) + atvContentLength;
        int rdnLength = 1 + LengthOfLength(atvLength) + atvLength;

        byte[]? rented = null;
        Span<byte> buffer = rdnLength <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(rdnLength));
        int pos = 0;
        buffer[pos++] = 0x31; // SET
        pos += WriteLength(buffer[pos..], atvLength);
        buffer[pos++] = 0x30; // SEQUENCE
        pos += WriteLength(buffer[pos..], atvContentLength);
        oidDer.CopyTo(buffer[pos..]);
        pos += oidDer.Length;
        buffer[pos++] = (byte)UniversalTagNumber.UTF8String;
        pos += WriteLength(buffer[pos..], valueLength);
        pos += StrictUtf8.GetBytes(value, buffer[pos..]);
        writer.WriteEncodedValue(buffer[..pos]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Encodes as AsnWriter does: no BOM, and an error (not U+FFFD) for a lone surrogate.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static int LengthOfLength(int length) => length switch
    {
        < 0x80 => 1,
        <= 0xFF => 2,
        <= 0xFFFF => 3,
        <= 0xFFFFFF => 4,
        _ => 5,
    };

    /// <summary>A DER definite length: short form below 128, else 0x80 | count followed by the big-endian octets.</summary>
    private static int WriteLength(Span<byte> destination, int length)
    {
        if (length < 0x80)
        {
            destination[0] = (byte)length;
            return 1;
        }

        int octets = LengthOfLength(length) - 1;
        destination[0] = (byte)(0x80 | octets);
        for (int i = octets; i > 0; i--)
        {
            destination[i] = (byte)length;
            length >>= 8;
        }

        return octets + 1;
    }

    /// <summary>RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's value.</summary>
    public static byte[] KeyIdentifier(ReadOnlySpan<byte> subjectPublicKeyInfoDer)
    {
        byte[] keyId = new byte[KeyIdentifierLength];
        WriteKeyIdentifier(subjectPublicKeyInfoDer, keyId);
        return keyId;
    }

    /// <summary>
    /// <see cref="KeyIdentifier"/> into <paramref name="destination"/> (at least <see cref="KeyIdentifierLength"/>
    /// bytes), reading the SubjectPublicKeyInfo in place: no copy of the key, no reader objects.
    /// </summary>
    public static void WriteKeyIdentifier(ReadOnlySpan<byte> subjectPublicKeyInfoDer, Span<byte> destination)
    {
        // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
        AsnDecoder.ReadSequence(subjectPublicKeyInfoDer, AsnEncodingRules.DER, out int offset, out int length, out _);
        ReadOnlySpan<byte> spki = subjectPublicKeyInfoDer.Slice(offset, length);
        AsnDecoder.ReadSequence(spki, AsnEncodingRules.DER, out _, out _, out int algorithmLength);
        if (!AsnDecoder.TryReadPrimitiveBitString(spki[algorithmLength..], AsnEncodingRules.DER, out _, out ReadOnlySpan<byte> key, out _))
        {
            // DER never uses the constructed form; read it the general way so the error is the decoder's own.
            key = AsnDecoder.ReadBitString(spki[algorithmLength..], AsnEncodingRules.DER, out _, out _);
        }

        SHA1.HashData(key, destination);
    }

    public static byte[] SubjectKeyIdentifierValue(ReadOnlySpan<byte> keyId)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteOctetString(keyId);
        return writer.Encode();
    }

    /// <summary>
    /// Writes the DER of <c>OCTET STRING (keyId)</c> (a SubjectKeyIdentifier's value) into <paramref name="destination"/>
    /// and returns its length; the same bytes as <see cref="SubjectKeyIdentifierValue"/>, for identifiers under 128 bytes.
    /// </summary>
    public static int WriteSubjectKeyIdentifierValue(ReadOnlySpan<byte> keyId, Span<byte> destination)
    {
        if (keyId.Length > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(keyId), "key identifiers longer than 127 bytes are not written in place");
        }

        destination[0] = 0x04;
        destination[1] = (byte)keyId.Length;
        keyId.CopyTo(destination[2..]);
        return keyId.Length + 2;
    }

    /// <summary>
    /// Writes the DER of <c>AuthorityKeyIdentifier { keyIdentifier [0] keyId }</c> into <paramref name="destination"/>
    /// and returns its length; the same bytes as <see cref="AuthorityKeyIdentifierValue"/>, for identifiers under 126 bytes.
    /// </summary>
    public static int WriteAuthorityKeyIdentifierValue(ReadOnlySpan<byte> keyId, Span<byte> destination)
    {
        if (keyId.Length > 125)
        {
            throw new ArgumentOutOfRangeException(nameof(keyId), "key identifiers longer than 125 bytes are not written in place");
        }

        destination[0] = 0x30;
        destination[1] = (byte)(keyId.Length + 2);
        destination[2] = 0x80;
        destination[3] = (byte)keyId.Length;
        keyId.CopyTo(destination[4..]);
        return keyId.Length + 4;
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
