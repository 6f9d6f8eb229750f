using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TnAcme.Stir;

namespace TnAcme.Acme.Jose;

/// <summary>
/// A validated public JWK (RFC 7517) that can verify JWS signatures: EC P-256/P-384, OKP Ed25519, or RSA.
/// Immutable and safe to share between threads; parse once and cache by account.
/// </summary>
/// <remarks>
/// Parsing checks syntax and policy and, for EC keys, that the point is on the curve; the .NET key
/// object (<see cref="ECDsa"/>/<see cref="RSA"/>, ~100–200 µs to build) is created on the first
/// <see cref="Verify"/> and reused. <see cref="Dispose"/> releases it early; a key that is never
/// disposed is released by the garbage collector (the native handles are finalizable), which is the
/// safe choice for a cache that cannot know whether another request still holds the key.
/// Two JWKs are the same key iff their <see cref="CanonicalJson"/> are equal; <see cref="Equals(JsonWebKey)"/> says so.
/// </remarks>
public sealed partial class JsonWebKey : IEquatable<JsonWebKey>, IDisposable
{
    private readonly byte[] _thumbprint;

    private JsonWebKey(JsonWebKeyType keyType, string? curve, string algorithm, int keySizeBits, string canonicalJson, KeyMaterial material)
    {
        KeyType = keyType;
        Curve = curve;
        Algorithm = algorithm;
        KeySizeBits = keySizeBits;
        CanonicalJson = canonicalJson;
        _material = material;
        _thumbprint = SHA256.HashData(Encoding.ASCII.GetBytes(canonicalJson));
        ThumbprintBase64Url = Base64Url.Encode(_thumbprint);
    }

    public JsonWebKeyType KeyType { get; }

    /// <summary>The <c>crv</c>: "P-256", "P-384" or "Ed25519"; null for RSA.</summary>
    public string? Curve { get; }

    /// <summary>The one JWS algorithm this key verifies: ES256 (P-256), ES384 (P-384), EdDSA (Ed25519) or RS256 (RSA).</summary>
    public string Algorithm { get; }

    /// <summary>The curve size, or the RSA modulus length in bits.</summary>
    public int KeySizeBits { get; }

    /// <summary>
    /// The RFC 7638 §3 form: the required members only, lexicographic order, no whitespace
    /// (EC <c>{"crv","kty","x","y"}</c>, OKP <c>{"crv","kty","x"}</c>, RSA <c>{"e","kty","n"}</c>).
    /// Since every member is strict base64url of a fixed-length or minimal octet string, one key has
    /// exactly one canonical form. It is itself a valid public JWK.
    /// </summary>
    public string CanonicalJson { get; }

    /// <summary>base64url of the RFC 7638 SHA-256 thumbprint.</summary>
    public string ThumbprintBase64Url { get; }

    /// <summary>The RFC 7638 SHA-256 thumbprint (32 bytes; a fresh copy).</summary>
    public byte[] Thumbprint() => (byte[])_thumbprint.Clone();

    /// <summary>The public JWK as JSON (the canonical form).</summary>
    public string ToJson() => CanonicalJson;

    /// <summary>Writes the public JWK as a JSON object value.</summary>
    public void WriteTo(Utf8JsonWriter writer) => writer.WriteRawValue(CanonicalJson, skipInputValidation: true);

    /// <summary>Parses a public JWK; throws <see cref="Problems.AcmeProblemException"/> (malformed or badPublicKey).</summary>
    public static JsonWebKey Parse(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            throw JoseProblems.Malformed("JWK must be a JSON object");
        }

        return Parse(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(jwk));
    }

    /// <summary>Parses a public JWK from JSON text; throws <see cref="Problems.AcmeProblemException"/> (malformed or badPublicKey).</summary>
    public static JsonWebKey Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>Parses a public JWK from UTF-8 JSON; throws <see cref="Problems.AcmeProblemException"/> (malformed or badPublicKey).</summary>
    public static JsonWebKey Parse(ReadOnlySpan<byte> utf8Json) => JsonWebKeyReader.Read(utf8Json);

    public bool Equals(JsonWebKey? other) => other is not null && string.Equals(CanonicalJson, other.CanonicalJson, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as JsonWebKey);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(CanonicalJson);

    public override string ToString() => $"{KeyType} {Curve ?? KeySizeBits.ToString(System.Globalization.CultureInfo.InvariantCulture)} {ThumbprintBase64Url}";
}
