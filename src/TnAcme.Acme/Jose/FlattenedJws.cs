using System.Text;
using System.Text.Json;

namespace TnAcme.Acme.Jose;

/// <summary>
/// An ACME request body: a JWS in the flattened JSON serialization (RFC 8555 §6.2), parsed and checked
/// for everything that does not need the account's key. The caller then finds the key (<see cref="Jwk"/>,
/// or the account named by <see cref="Kid"/>), checks <see cref="Url"/> against the request URL and
/// consumes <see cref="Nonce"/>, and verifies with <see cref="Verify"/> or <see cref="EnsureValidSignature"/>.
/// </summary>
/// <remarks>
/// Every failure is an <see cref="Problems.AcmeProblemException"/>: malformed for syntax (including
/// padded or otherwise non-canonical base64url in any field, RFC 8555 §6.1), badSignatureAlgorithm
/// (with the supported <c>algorithms</c>) for <c>none</c>, MAC and unknown algorithms, badPublicKey for
/// unacceptable embedded keys, and badNonce when an outer JWS has no nonce.
/// </remarks>
public sealed class FlattenedJws
{
    /// <summary>The largest request body accepted (larger is malformed, HTTP 413).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private readonly int _protectedLength;
    private string? _protectedRaw;

    internal FlattenedJws(
        string algorithm,
        string? nonce,
        string url,
        string? kid,
        JsonWebKey? jwk,
        byte[] protectedHeaderJson,
        byte[] payload,
        byte[] signingInput,
        int protectedLength,
        byte[] signature)
    {
        Algorithm = algorithm;
        Nonce = nonce;
        Url = url;
        Kid = kid;
        Jwk = jwk;
        ProtectedHeaderJson = protectedHeaderJson;
        PayloadBytes = payload;
        SigningInput = signingInput;
        _protectedLength = protectedLength;
        Signature = signature;
    }

    /// <summary>The protected <c>alg</c>: one of <see cref="JwsAlgorithms.Supported"/> (or, in an inner JWS, a MAC algorithm).</summary>
    public string Algorithm { get; }

    /// <summary>The protected <c>nonce</c>, syntactically base64url; never null on an outer JWS, always null on an inner one.</summary>
    public string? Nonce { get; }

    /// <summary>The protected <c>url</c> (RFC 8555 §6.4); compare it with the request URL.</summary>
    public string Url { get; }

    /// <summary>The protected <c>kid</c> (the account URL), or null when the JWS carries <see cref="Jwk"/>.</summary>
    public string? Kid { get; }

    /// <summary>The protected <c>jwk</c>, parsed and validated, or null when the JWS carries <see cref="Kid"/>.</summary>
    public JsonWebKey? Jwk { get; }

    /// <summary>The decoded payload; empty for POST-as-GET.</summary>
    public ReadOnlyMemory<byte> PayloadBytes { get; }

    /// <summary>Whether the payload is the empty string (RFC 8555 §6.3).</summary>
    public bool IsPostAsGet => PayloadBytes.IsEmpty;

    /// <summary>Whether <see cref="Algorithm"/> is a MAC (only possible in an inner JWS).</summary>
    public bool IsMac => JwsAlgorithms.IsMac(Algorithm);

    /// <summary>The decoded protected header (UTF-8 JSON).</summary>
    public ReadOnlyMemory<byte> ProtectedHeaderJson { get; }

    /// <summary>The <c>protected</c> member exactly as received (base64url text).</summary>
    public string ProtectedHeaderRaw => _protectedRaw ??= Encoding.ASCII.GetString(SigningInput.Span[.._protectedLength]);

    /// <summary>ASCII(protected) '.' ASCII(payload), exactly as received (RFC 7515 §5.2).</summary>
    public ReadOnlyMemory<byte> SigningInput { get; }

    /// <summary>The decoded signature (or MAC).</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>Parses a request body; see the class remarks for the errors.</summary>
    public static FlattenedJws Parse(ReadOnlyMemory<byte> body)
    {
        if (body.Length > MaxBodyBytes)
        {
            throw JoseProblems.TooLarge($"the request body is {body.Length} bytes; at most {MaxBodyBytes} are accepted");
        }

        return FlattenedJwsReader.Read(body.Span, inner: false, "JWS");
    }

    /// <summary>
    /// Parses an inner JWS (the keyChange payload, RFC 8555 §7.3.5, or an external account binding,
    /// §7.3.4): as <see cref="Parse"/>, except that <c>nonce</c> MUST be absent and MAC algorithms
    /// (HS256/HS384/HS512) are allowed; callers check which kind they need.
    /// </summary>
    public static FlattenedJws ParseInner(JsonElement jws) => ParseInner(jws, "inner JWS");

    /// <inheritdoc cref="ParseInner(JsonElement)"/>
    public static FlattenedJws ParseInner(ReadOnlySpan<byte> utf8Json) => FlattenedJwsReader.Read(utf8Json, inner: true, "inner JWS");

    internal static FlattenedJws ParseInner(JsonElement jws, string what)
    {
        if (jws.ValueKind != JsonValueKind.Object)
        {
            throw JoseProblems.Malformed($"the {what} must be a JSON object (flattened JSON serialization)");
        }

        return FlattenedJwsReader.Read(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(jws), inner: true, what);
    }

    /// <summary>Whether the signature verifies under <paramref name="key"/> (badSignatureAlgorithm if <see cref="Algorithm"/> does not fit the key).</summary>
    public bool Verify(JsonWebKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Verify(Algorithm, SigningInput.Span, Signature.Span);
    }

    /// <summary>Throws malformed unless the signature verifies under <paramref name="key"/>.</summary>
    public void EnsureValidSignature(JsonWebKey key)
    {
        if (!Verify(key))
        {
            throw JoseProblems.Malformed("the JWS signature does not verify");
        }
    }
}
