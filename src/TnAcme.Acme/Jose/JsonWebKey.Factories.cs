using System.Security.Cryptography;
using TnAcme.Stir;

namespace TnAcme.Acme.Jose;

public sealed partial class JsonWebKey
{
    public const int MinRsaModulusBits = 2048;
    public const int MaxRsaModulusBits = 4096;

    /// <summary>The public JWK of an ECDSA key (P-256 or P-384); throws badPublicKey for other curves.</summary>
    public static JsonWebKey FromPublicKey(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var curve = EcCurve.FromOid(parameters.Curve.Oid)
            ?? throw JoseProblems.BadPublicKey($"unsupported EC curve {parameters.Curve.Oid?.FriendlyName ?? parameters.Curve.Oid?.Value}; supported: P-256, P-384");
        return CreateEc(curve, parameters.Q.X!, parameters.Q.Y!);
    }

    /// <summary>The public JWK of an RSA key; throws badPublicKey outside 2048–4096 bits.</summary>
    public static JsonWebKey FromPublicKey(RSA key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return CreateRsa(TrimLeadingZeros(parameters.Modulus!), TrimLeadingZeros(parameters.Exponent!));
    }

    /// <summary>The public JWK of a 32-byte Ed25519 public key (RFC 8037 §2).</summary>
    public static JsonWebKey FromEd25519PublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != Ed25519KeyMaterial.KeyLength)
        {
            throw JoseProblems.Malformed($"an Ed25519 public key is {Ed25519KeyMaterial.KeyLength} octets, not {publicKey.Length}");
        }

        return CreateEd25519(publicKey.ToArray());
    }

    internal static JsonWebKey CreateEc(EcCurve curve, byte[] x, byte[] y)
    {
        CheckCoordinate(curve, "x", x);
        CheckCoordinate(curve, "y", y);
        if (!curve.Contains(x, y))
        {
            throw JoseProblems.BadPublicKey($"the EC JWK's (x, y) is not a point of {curve.Name}");
        }

        var canonical = $$"""{"crv":"{{curve.Name}}","kty":"EC","x":"{{Base64Url.Encode(x)}}","y":"{{Base64Url.Encode(y)}}"}""";
        return new JsonWebKey(JsonWebKeyType.EC, curve.Name, curve.Algorithm, curve.CoordinateLength * 8, canonical, new EcKeyMaterial(curve, x, y));
    }

    internal static JsonWebKey CreateEd25519(byte[] x)
    {
        if (x.Length != Ed25519KeyMaterial.KeyLength)
        {
            throw JoseProblems.Malformed($"the Ed25519 JWK 'x' must be exactly {Ed25519KeyMaterial.KeyLength} octets, not {x.Length}");
        }

        var material = new Ed25519KeyMaterial(x);
        var canonical = $$"""{"crv":"Ed25519","kty":"OKP","x":"{{Base64Url.Encode(x)}}"}""";
        return new JsonWebKey(JsonWebKeyType.OKP, "Ed25519", JwsAlgorithms.EdDSA, 256, canonical, material);
    }

    internal static JsonWebKey CreateRsa(byte[] n, byte[] e)
    {
        // RFC 7518 §6.3.1: "the minimum number of octets to represent the value".
        if (n.Length == 0 || n[0] == 0)
        {
            throw JoseProblems.Malformed("the RSA JWK 'n' must not be empty or have leading zero octets (RFC 7518 §6.3.1.1)");
        }

        if (e.Length == 0 || e[0] == 0)
        {
            throw JoseProblems.Malformed("the RSA JWK 'e' must not be empty or have leading zero octets (RFC 7518 §6.3.1.2)");
        }

        int bits = ((n.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n[0]));
        if (bits < MinRsaModulusBits)
        {
            throw JoseProblems.BadPublicKey($"RSA key of {bits} bits is too small: at least {MinRsaModulusBits} bits");
        }

        if (bits > MaxRsaModulusBits)
        {
            throw JoseProblems.BadPublicKey($"RSA key of {bits} bits is too large: at most {MaxRsaModulusBits} bits");
        }

        if ((n[^1] & 1) == 0)
        {
            throw JoseProblems.BadPublicKey("the RSA modulus is even");
        }

        if (e.Length > 4 || (e[^1] & 1) == 0 || (e.Length == 1 && e[0] == 1))
        {
            throw JoseProblems.BadPublicKey("the RSA public exponent must be odd, at least 3 and below 2^32");
        }

        var canonical = $$"""{"e":"{{Base64Url.Encode(e)}}","kty":"RSA","n":"{{Base64Url.Encode(n)}}"}""";
        return new JsonWebKey(JsonWebKeyType.RSA, null, JwsAlgorithms.RS256, bits, canonical, new RsaKeyMaterial(n, e));
    }

    private static void CheckCoordinate(EcCurve curve, string name, byte[] value)
    {
        if (value.Length != curve.CoordinateLength)
        {
            throw JoseProblems.Malformed($"the EC JWK '{name}' must be exactly {curve.CoordinateLength} octets for {curve.Name}, not {value.Length} (RFC 7518 §6.2.1.2)");
        }
    }

    private static byte[] TrimLeadingZeros(byte[] value)
    {
        int i = 0;
        while (i < value.Length - 1 && value[i] == 0)
        {
            i++;
        }

        return i == 0 ? value : value[i..];
    }
}
