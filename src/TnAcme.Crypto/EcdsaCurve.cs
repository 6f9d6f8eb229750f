using System.Security.Cryptography;

namespace TnAcme.Crypto;

/// <summary>
/// A NIST prime curve <see cref="EcdsaPublicKey"/> verifies on: P-256, P-384 or P-521. All three have cofactor 1,
/// which is what makes the on-curve check the whole public-key validation (see <see cref="EcdsaPublicKey"/>).
/// </summary>
public sealed class EcdsaCurve
{
    public static readonly EcdsaCurve P256 = new(
        "P-256",
        "1.2.840.10045.3.1.7",
        32,
        HashAlgorithmName.SHA256,
        ECCurve.NamedCurves.nistP256,
        nid: 415, // NID_X9_62_prime256v1
        order: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

    public static readonly EcdsaCurve P384 = new(
        "P-384",
        "1.3.132.0.34",
        48,
        HashAlgorithmName.SHA384,
        ECCurve.NamedCurves.nistP384,
        nid: 715, // NID_secp384r1
        order: "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973");

    public static readonly EcdsaCurve P521 = new(
        "P-521",
        "1.3.132.0.35",
        66,
        HashAlgorithmName.SHA512,
        ECCurve.NamedCurves.nistP521,
        nid: 716, // NID_secp521r1
        order: "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
            + "fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409");

    private readonly byte[] _order;

    private EcdsaCurve(string name, string oid, int coordinateLength, HashAlgorithmName joseHash, ECCurve namedCurve, int nid, string order)
    {
        Name = name;
        Oid = oid;
        CoordinateLength = coordinateLength;
        JoseHash = joseHash;
        NamedCurve = namedCurve;
        Nid = nid;
        _order = Convert.FromHexString(order);
    }

    /// <summary>The JOSE / NIST name: "P-256", "P-384", "P-521".</summary>
    public string Name { get; }

    /// <summary>The namedCurve OID (RFC 5480 §2.1.1.1).</summary>
    public string Oid { get; }

    /// <summary>Octets of a field element: an affine coordinate, and r or s in an IEEE P1363 signature.</summary>
    public int CoordinateLength { get; }

    /// <summary>The hash its JWS algorithm pairs it with (RFC 7518 §3.4: ES256, ES384, ES512).</summary>
    public HashAlgorithmName JoseHash { get; }

    /// <summary>The curve for .NET's <see cref="ECDsa"/>.</summary>
    public ECCurve NamedCurve { get; }

    /// <summary>The group order n, big-endian, <see cref="CoordinateLength"/> octets.</summary>
    public ReadOnlySpan<byte> Order => _order;

    /// <summary>OpenSSL's NID for the curve.</summary>
    internal int Nid { get; }

    /// <summary>Length of an uncompressed point, 04 ‖ X ‖ Y (SEC 1 §2.3.3).</summary>
    internal int UncompressedPointLength => 1 + (2 * CoordinateLength);

    public static EcdsaCurve? FromOid(string? oid) => oid switch
    {
        "1.2.840.10045.3.1.7" => P256,
        "1.3.132.0.34" => P384,
        "1.3.132.0.35" => P521,
        _ => null,
    };

    public static EcdsaCurve? FromName(string? name) => name switch
    {
        "P-256" => P256,
        "P-384" => P384,
        "P-521" => P521,
        _ => null,
    };

    public override string ToString() => Name;

    /// <summary>Whether a fixed-length big-endian scalar lies in [1, n − 1], as r and s of a signature must.</summary>
    internal bool IsValidScalar(ReadOnlySpan<byte> value) =>
        value.Length == CoordinateLength && value.ContainsAnyExcept((byte)0) && value.SequenceCompareTo(_order) < 0;
}
