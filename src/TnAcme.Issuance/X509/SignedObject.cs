using System.Formats.Asn1;

namespace TnAcme.Issuance.X509;

/// <summary>Certificate and CertificateList share one outer shape: SEQUENCE { tbs, signatureAlgorithm, signatureValue }.</summary>
public static class SignedObject
{
    public static byte[] Assemble(ReadOnlySpan<byte> tbs, ReadOnlySpan<byte> algorithmIdentifier, ReadOnlySpan<byte> signature)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER, initialCapacity: tbs.Length + algorithmIdentifier.Length + signature.Length + 16);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(tbs);
            writer.WriteEncodedValue(algorithmIdentifier);
            writer.WriteBitString(signature);
        }

        return writer.Encode();
    }
}
