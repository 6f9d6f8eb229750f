using System.Formats.Asn1;

namespace TnAcme.Issuance.Signing;

public static class EcdsaAlgorithms
{
    public const string EcdsaWithSha256Oid = "1.2.840.10045.4.3.2";
    public const string EcPublicKeyOid = "1.2.840.10045.2.1";
    public const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>AlgorithmIdentifier { ecdsa-with-SHA256 } with parameters absent (RFC 5758 §3.2).</summary>
    public static readonly byte[] EcdsaWithSha256Der = BuildAlgorithmIdentifier(EcdsaWithSha256Oid);

    private static byte[] BuildAlgorithmIdentifier(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
        }

        return writer.Encode();
    }
}
