using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;
using TnAcme.Acme.Problems;
using TnAcme.Stir;

namespace TnAcme.Acme.Jose;

/// <summary>
/// Signs ACME requests: produces flattened-JSON JWSs (RFC 8555 §6.2) with ES256 (P-256), ES384 (P-384),
/// RS256 (RSA 2048–4096) or EdDSA (Ed25519). For clients and tests.
/// </summary>
/// <remarks>
/// The signer does not own the <see cref="ECDsa"/>/<see cref="RSA"/> it is given: keep it alive while
/// signing, and dispose it yourself. Signing with one instance from several threads is safe.
/// </remarks>
public sealed class JwsSigner
{
    private readonly ECDsa? _ecdsa;
    private readonly HashAlgorithmName _hash;
    private readonly RSA? _rsa;
    private readonly Ed25519PrivateKeyParameters? _ed25519;

    private JwsSigner(JsonWebKey publicKey, ECDsa? ecdsa, RSA? rsa, Ed25519PrivateKeyParameters? ed25519)
    {
        PublicKey = publicKey;
        _ecdsa = ecdsa;
        _rsa = rsa;
        _ed25519 = ed25519;
        _hash = publicKey.Algorithm == JwsAlgorithms.ES384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
    }

    /// <summary>The JWS <c>alg</c> this signer writes.</summary>
    public string Algorithm => PublicKey.Algorithm;

    /// <summary>The public JWK (embedded as <c>jwk</c> when signing without a <c>kid</c>).</summary>
    public JsonWebKey PublicKey { get; }

    /// <summary>An ES256 (P-256) or ES384 (P-384) signer; <see cref="ArgumentException"/> for other curves.</summary>
    public static JwsSigner ForECDsa(ECDsa key) => new(PublicJwk(() => JsonWebKey.FromPublicKey(key)), key, null, null);

    /// <summary>An RS256 signer; <see cref="ArgumentException"/> outside 2048–4096 bits.</summary>
    public static JwsSigner ForRsa(RSA key) => new(PublicJwk(() => JsonWebKey.FromPublicKey(key)), null, key, null);

    /// <summary>An EdDSA signer from a 32-byte Ed25519 private key (the JWK <c>d</c>, RFC 8037 §2).</summary>
    public static JwsSigner ForEd25519(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != Ed25519.SecretKeySize)
        {
            throw new ArgumentException($"an Ed25519 private key is {Ed25519.SecretKeySize} bytes", nameof(privateKey));
        }

        var key = new Ed25519PrivateKeyParameters(privateKey);
        return new(PublicJwk(() => JsonWebKey.FromEd25519PublicKey(key.GeneratePublicKey().GetEncoded())), null, null, key);
    }

    /// <summary>
    /// A flattened JWS over <paramref name="payload"/> (empty: POST-as-GET). With <paramref name="kid"/>
    /// (the account URL) the header names the account; without, it embeds <see cref="PublicKey"/> as
    /// <c>jwk</c>. <paramref name="nonce"/> is null only for inner JWSs (key change).
    /// </summary>
    public string Sign(ReadOnlySpan<byte> payload, string url, string? nonce, string? kid = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        var protectedB64 = JwsJson.ProtectedHeader(Algorithm, kid is null ? PublicKey : null, kid, nonce, url);
        var payloadB64 = Base64Url.Encode(payload);
        return JwsJson.Serialize(protectedB64, payloadB64, CreateSignature(JwsJson.SigningInput(protectedB64, payloadB64)));
    }

    /// <summary>A POST-as-GET request (RFC 8555 §6.3): empty payload, signed with the account's <paramref name="kid"/>.</summary>
    public string SignPostAsGet(string url, string nonce, string kid) => Sign([], url, nonce, kid);

    /// <summary>The raw JWS signature over a signing input (ES256/ES384: r‖s; RS256: PKCS#1 v1.5; EdDSA: 64 bytes).</summary>
    public byte[] CreateSignature(ReadOnlySpan<byte> signingInput)
    {
        if (_ecdsa is not null)
        {
            return _ecdsa.SignData(signingInput, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        if (_rsa is not null)
        {
            return _rsa.SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        var signature = new byte[Ed25519.SignatureSize];
        _ed25519!.Sign(Ed25519.Algorithm.Ed25519, null, signingInput, signature);
        return signature;
    }

    private static JsonWebKey PublicJwk(Func<JsonWebKey> create)
    {
        try
        {
            return create();
        }
        catch (AcmeProblemException e)
        {
            throw new ArgumentException(e.Problem.Detail, e);
        }
    }
}
