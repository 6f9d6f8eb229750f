using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace TnAcme.Issuance.Signing;

/// <summary>
/// Encoding conversions for P-256 keys and signatures coming from places that are not .NET's own ECDsa
/// (a PKCS#11 token hands back raw r||s signatures and CKA_EC_POINT octets).
/// </summary>
public static class EcdsaEncoding
{
    /// <summary>Bytes of one P-256 field element / scalar.</summary>
    public const int P256FieldSize = 32;

    /// <summary>Length of an uncompressed P-256 point: 0x04 || X || Y.</summary>
    public const int P256UncompressedPointSize = 1 + (2 * P256FieldSize);

    /// <summary>DER of the namedCurve OID prime256v1 (1.2.840.10045.3.1.7): the PKCS#11 CKA_EC_PARAMS value.</summary>
    public static ReadOnlySpan<byte> P256ParametersDer => [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];

    /// <summary>
    /// Converts a raw P-256 ECDSA signature (r || s, 32 bytes each, big-endian: the PKCS#11 CKM_ECDSA
    /// and IEEE P1363 form) into DER Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 §2.2.3).
    /// Each INTEGER is minimal and positive: leading zero bytes are dropped, and a 0x00 is prepended
    /// when the high bit would otherwise make it negative.
    /// </summary>
    public static byte[] RawSignatureToDer(ReadOnlySpan<byte> rawSignature)
    {
        if (rawSignature.Length != 2 * P256FieldSize)
        {
            throw new CryptographicException(
                $"A raw P-256 ECDSA signature is {2 * P256FieldSize} bytes (r || s); got {rawSignature.Length}.");
        }

        var r = new BigInteger(rawSignature[..P256FieldSize], isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(rawSignature[P256FieldSize..], isUnsigned: true, isBigEndian: true);
        if (r.IsZero || s.IsZero)
        {
            throw new CryptographicException("An ECDSA signature with r = 0 or s = 0 is invalid.");
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(s);
        }

        return writer.Encode();
    }

    /// <summary>
    /// Extracts the uncompressed point from a PKCS#11 CKA_EC_POINT value. The standard form is the DER
    /// OCTET STRING wrapping the point (04 41 04 X Y); some tokens return the bare point (04 X Y).
    /// The two are told apart by length, which is unambiguous for P-256 (67 vs 65 bytes).
    /// </summary>
    public static byte[] UncompressedPointFromCkaEcPoint(ReadOnlySpan<byte> ckaEcPoint)
    {
        if (ckaEcPoint.Length == P256UncompressedPointSize && ckaEcPoint[0] == 0x04)
        {
            return ckaEcPoint.ToArray();
        }

        byte[] point;
        try
        {
            point = AsnDecoder.ReadOctetString(ckaEcPoint, AsnEncodingRules.DER, out var consumed);
            if (consumed != ckaEcPoint.Length)
            {
                throw new CryptographicException("CKA_EC_POINT has trailing bytes after the OCTET STRING.");
            }
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException(
                $"CKA_EC_POINT ({ckaEcPoint.Length} bytes) is neither a DER OCTET STRING nor a bare uncompressed P-256 point.", e);
        }

        if (point.Length != P256UncompressedPointSize || point[0] != 0x04)
        {
            throw new CryptographicException(
                $"CKA_EC_POINT does not hold an uncompressed P-256 point (got {point.Length} bytes, first byte 0x{(point.Length > 0 ? point[0] : 0):X2}).");
        }

        return point;
    }

    /// <summary>
    /// Builds the DER SubjectPublicKeyInfo { id-ecPublicKey, prime256v1 } for an uncompressed P-256 point,
    /// and checks that the point is on the curve by importing it.
    /// </summary>
    public static byte[] P256SubjectPublicKeyInfo(ReadOnlySpan<byte> uncompressedPoint)
    {
        if (uncompressedPoint.Length != P256UncompressedPointSize || uncompressedPoint[0] != 0x04)
        {
            throw new CryptographicException("Expected an uncompressed P-256 point (0x04 || X || Y, 65 bytes).");
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(EcdsaAlgorithms.EcPublicKeyOid);
                writer.WriteObjectIdentifier(EcdsaAlgorithms.P256Oid);
            }

            writer.WriteBitString(uncompressedPoint);
        }

        var spki = writer.Encode();

        // Import validates the point (on the curve, not infinity); a bad point fails here, not at verification time.
        using var check = ECDsa.Create();
        check.ImportSubjectPublicKeyInfo(spki, out _);
        if (check.KeySize != 256)
        {
            throw new CryptographicException("The public key is not a P-256 key.");
        }

        return spki;
    }
}
