using System.Formats.Asn1;
using TnAcme.Stir;

namespace TnAcme.Issuance.X509;

/// <summary>DER of the OBJECT IDENTIFIERs written per certificate, encoded once instead of parsed from text each time.</summary>
internal static class DerOids
{
    public static readonly byte[] CommonName = Encode(X509Oids.CommonName);
    public static readonly byte[] Organization = Encode(X509Oids.Organization);
    public static readonly byte[] TnAuthList = Encode(StirOids.TnAuthList);
    public static readonly byte[] JwtClaimConstraints = Encode(StirOids.JwtClaimConstraints);
    public static readonly byte[] EnhancedJwtClaimConstraints = Encode(StirOids.EnhancedJwtClaimConstraints);

    public static byte[] Encode(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return writer.Encode();
    }
}
