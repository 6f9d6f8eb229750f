using System.Formats.Asn1;

namespace TnAcme.Crypto;

/// <summary>
/// Reads an EC SubjectPublicKeyInfo (RFC 5480 §2) strictly: DER, id-ecPublicKey with a namedCurve of P-256, P-384 or
/// P-521, an uncompressed point, nothing after. Explicit (specifiedCurve) and implicitlyCA parameters are refused: a
/// key that brings its own curve would make the verifier's trust depend on parameters the signer chose.
/// </summary>
internal static class SubjectPublicKeyInfoReader
{
    public const string EcPublicKeyOid = "1.2.840.10045.2.1";

    /// <summary>
    /// Null when <paramref name="spki"/> is acceptable, with its curve and uncompressed point (a slice of
    /// <paramref name="spki"/>); else why not. The point's coordinates are not checked against the curve here.
    /// </summary>
    public static string? TryRead(ReadOnlySpan<byte> spki, out EcdsaCurve? curve, out ReadOnlySpan<byte> point)
    {
        curve = null;
        point = default;
        try
        {
            AsnDecoder.ReadSequence(spki, AsnEncodingRules.DER, out int bodyOffset, out int bodyLength, out int consumed);
            if (consumed != spki.Length)
            {
                return "there is data after the SubjectPublicKeyInfo";
            }

            ReadOnlySpan<byte> body = spki.Slice(bodyOffset, bodyLength);
            AsnDecoder.ReadSequence(body, AsnEncodingRules.DER, out int algorithmOffset, out int algorithmLength, out consumed);
            ReadOnlySpan<byte> algorithm = body.Slice(algorithmOffset, algorithmLength);
            ReadOnlySpan<byte> subjectPublicKey = body[consumed..];

            string algorithmOid = AsnDecoder.ReadObjectIdentifier(algorithm, AsnEncodingRules.DER, out consumed);
            if (algorithmOid != EcPublicKeyOid)
            {
                return $"the key algorithm {algorithmOid} is not id-ecPublicKey ({EcPublicKeyOid})";
            }

            ReadOnlySpan<byte> parameters = algorithm[consumed..];
            if (parameters.IsEmpty)
            {
                return "the EC key has no curve parameters (RFC 5480 §2.1.1 requires a namedCurve)";
            }

            Asn1Tag tag = Asn1Tag.Decode(parameters, out _);
            if (tag.HasSameClassAndValue(Asn1Tag.Sequence))
            {
                return "explicit curve parameters (specifiedCurve) are not accepted; only a namedCurve";
            }

            if (tag.HasSameClassAndValue(Asn1Tag.Null))
            {
                return "implicitlyCA curve parameters are not accepted; only a namedCurve";
            }

            string curveOid = AsnDecoder.ReadObjectIdentifier(parameters, AsnEncodingRules.DER, out consumed);
            if (consumed != parameters.Length)
            {
                return "there is data after the namedCurve in the AlgorithmIdentifier";
            }

            EcdsaCurve? named = EcdsaCurve.FromOid(curveOid);
            if (named is null)
            {
                return $"the curve {curveOid} is not supported (P-256, P-384, P-521 are)";
            }

            if (!AsnDecoder.TryReadPrimitiveBitString(subjectPublicKey, AsnEncodingRules.DER, out int unusedBits, out ReadOnlySpan<byte> bits, out consumed))
            {
                return "the subjectPublicKey BIT STRING is constructed";
            }

            if (consumed != subjectPublicKey.Length)
            {
                return "there is data after the subjectPublicKey";
            }

            if (unusedBits != 0)
            {
                return "the subjectPublicKey BIT STRING has unused bits";
            }

            if (UncompressedPoint.Check(named, bits) is { } pointError)
            {
                return pointError;
            }

            curve = named;
            point = bits;
            return null;
        }
        catch (AsnContentException e)
        {
            return $"the SubjectPublicKeyInfo is not valid DER: {e.Message}";
        }
    }
}
