using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using TnAcme.Crypto;

namespace TnAcme.Acme.Jose;

/// <summary>A NIST prime curve TnAcme accepts in EC JWKs, with the one JWS algorithm it pairs with.</summary>
internal sealed class EcCurve
{
    public static readonly EcCurve P256 = new(
        "P-256",
        JwsAlgorithms.ES256,
        32,
        HashAlgorithmName.SHA256,
        ECCurve.NamedCurves.nistP256,
        EcdsaCurve.P256,
        "1.2.840.10045.3.1.7",
        prime: "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
        b: "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");

    public static readonly EcCurve P384 = new(
        "P-384",
        JwsAlgorithms.ES384,
        48,
        HashAlgorithmName.SHA384,
        ECCurve.NamedCurves.nistP384,
        EcdsaCurve.P384,
        "1.3.132.0.34",
        prime: "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
        b: "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef");

    private EcCurve(string name, string algorithm, int coordinateLength, HashAlgorithmName hash, ECCurve namedCurve, EcdsaCurve ecdsa, string oid, string prime, string b)
    {
        Name = name;
        Algorithm = algorithm;
        CoordinateLength = coordinateLength;
        Hash = hash;
        NamedCurve = namedCurve;
        Ecdsa = ecdsa;
        Oid = oid;
        Prime = BigInteger.Parse("0" + prime, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        B = BigInteger.Parse("0" + b, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    /// <summary>The JWK <c>crv</c> value.</summary>
    public string Name { get; }

    public string Algorithm { get; }

    public int CoordinateLength { get; }

    public HashAlgorithmName Hash { get; }

    public ECCurve NamedCurve { get; }

    /// <summary>The curve for <see cref="EcdsaPublicKey"/>, which verifies the JWS signatures.</summary>
    public EcdsaCurve Ecdsa { get; }

    public string Oid { get; }

    public BigInteger Prime { get; }

    /// <summary>The curve's b (a is −3 for both curves).</summary>
    public BigInteger B { get; }

    public static EcCurve? FromName(string? crv) => crv switch
    {
        "P-256" => P256,
        "P-384" => P384,
        _ => null,
    };

    public static EcCurve? FromOid(Oid? oid) =>
        oid?.Value == P256.Oid || oid?.FriendlyName is "nistP256" or "ECDSA_P256" or "P-256" ? P256
        : oid?.Value == P384.Oid || oid?.FriendlyName is "nistP384" or "ECDSA_P384" or "P-384" ? P384
        : null;

    /// <summary>
    /// Whether (x, y) is an affine point of the curve: both coordinates below p and y² = x³ − 3x + b (mod p).
    /// Both curves have cofactor 1, so this is the whole public-key validation (SP 800-56A §5.6.2.3.4)
    /// — a few microseconds, where asking OpenSSL means building a key object (~100 µs).
    /// </summary>
    public bool Contains(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var px = new BigInteger(x, isUnsigned: true, isBigEndian: true);
        var py = new BigInteger(y, isUnsigned: true, isBigEndian: true);
        if (px >= Prime || py >= Prime)
        {
            return false;
        }

        var rhs = ((px * px % Prime * px) - (3 * px) + B) % Prime;
        if (rhs.Sign < 0)
        {
            rhs += Prime;
        }

        return py * py % Prime == rhs;
    }
}
