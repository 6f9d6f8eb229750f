namespace TnAcme.Stir.Tests.Support;

/// <summary>The test vectors from the brief, as bytes.</summary>
internal static class Vectors
{
    /// <summary>V1: TNAuthList { spc "1234" }.</summary>
    public const string SpcHex = "3008A006160431323334";
    public const string SpcB64Url = "MAigBhYEMTIzNA";

    /// <summary>V12: TNAuthList { range 12125551000 + 1000 }.</summary>
    public const string RangeHex = "3015A1133011160B3132313235353531303030020203E8";
    public const string RangeB64Url = "MBWhEzARFgsxMjEyNTU1MTAwMAICA-g";

    /// <summary>V12: TNAuthList { one 12125551824 }.</summary>
    public const string OneHex = "300FA20D160B3132313235353531383234";
    public const string OneB64Url = "MA-iDRYLMTIxMjU1NTE4MjQ";

    /// <summary>V12: TNAuthList { spc 1234, range 12125551000 + 1000, one 12125551824 }.</summary>
    public const string AllHex = "302CA006160431323334A1133011160B3132313235353531303030020203E8A20D160B3132313235353531383234";
    public const string AllB64Url = "MCygBhYEMTIzNKETMBEWCzEyMTI1NTUxMDAwAgID6KINFgsxMjEyNTU1MTgyNA";

    /// <summary>V2: EnhancedJWTClaimConstraints mustInclude [confidence], confidence ∈ {high, medium}, mustExclude [priority].</summary>
    public const string EnhancedHex =
        "3040A00E300C160A636F6E666964656E6365A120301E301C160A636F6E666964656E6365300E0C04686967680C066D656469756DA20C300A16087072696F72697479";

    /// <summary>
    /// Our own RFC 8226 JWTClaimConstraints: mustInclude [attest], attest ∈ {A, B}. Checked by hand and with
    /// <c>openssl asn1parse -inform DER -i</c>:
    /// <code>
    ///  0:d=0 hl=2 l=34 cons: SEQUENCE
    ///  2:d=1 hl=2 l=10 cons:  cont [ 0 ]
    ///  4:d=2 hl=2 l= 8 cons:   SEQUENCE
    ///  6:d=3 hl=2 l= 6 prim:    IA5STRING  :attest
    /// 14:d=1 hl=2 l=20 cons:  cont [ 1 ]
    /// 16:d=2 hl=2 l=18 cons:   SEQUENCE
    /// 18:d=3 hl=2 l=16 cons:    SEQUENCE
    /// 20:d=4 hl=2 l= 6 prim:     IA5STRING  :attest
    /// 28:d=4 hl=2 l= 6 cons:     SEQUENCE
    /// 30:d=5 hl=2 l= 1 prim:      UTF8STRING :A
    /// 33:d=5 hl=2 l= 1 prim:      UTF8STRING :B
    /// </code>
    /// </summary>
    public const string JwtHex = "3022A00A30081606617474657374A11430123010160661747465737430060C01410C0142";

    /// <summary>Our own JWTClaimConstraints with permittedValues only, and a non-ASCII UTF-8 value: div ∈ {"é"}.</summary>
    public const string JwtPermittedOnlyHex = "3011A10F300D300B160364697630040C02C3A9";

    public static byte[] Spc => Convert.FromHexString(SpcHex);

    public static byte[] Range => Convert.FromHexString(RangeHex);

    public static byte[] One => Convert.FromHexString(OneHex);

    public static byte[] All => Convert.FromHexString(AllHex);

    public static byte[] Enhanced => Convert.FromHexString(EnhancedHex);

    public static byte[] Jwt => Convert.FromHexString(JwtHex);

    public static byte[] JwtPermittedOnly => Convert.FromHexString(JwtPermittedOnlyHex);

    public static IReadOnlyList<byte[]> TnAuthLists => [Spc, Range, One, All];

    public static IReadOnlyList<byte[]> ClaimConstraints => [Jwt, JwtPermittedOnly, Enhanced];
}
