namespace TnAcme.Acme.Jose;

public sealed partial class JsonWebKey
{
    private readonly KeyMaterial _material;

    /// <summary>
    /// Verifies a JWS signature over <paramref name="signingInput"/> (ASCII(protected) '.' ASCII(payload)).
    /// Thread-safe. Returns false for an invalid signature or one of the wrong length (ES256: 64-byte r‖s,
    /// ES384: 96, EdDSA: 64, RS256: the modulus length).
    /// </summary>
    /// <exception cref="Problems.AcmeProblemException">
    /// badSignatureAlgorithm when <paramref name="alg"/> is not this key's <see cref="Algorithm"/>
    /// (ES256 only with P-256, ES384 only with P-384, EdDSA only with Ed25519, RS256 only with RSA).
    /// </exception>
    /// <exception cref="ObjectDisposedException">after <see cref="Dispose"/>.</exception>
    public bool Verify(string alg, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (!string.Equals(alg, Algorithm, StringComparison.Ordinal))
        {
            throw JoseProblems.BadSignatureAlgorithm(JwsAlgorithms.IsSupported(alg)
                ? $"JWS algorithm {alg} does not fit the key: {Describe()} keys sign only with {Algorithm}"
                : $"JWS algorithm {JoseProblems.Quote(alg)} is not supported");
        }

        return _material.Verify(signingInput, signature);
    }

    /// <summary>Releases the native key object, if one was built. Do not call while another thread may verify.</summary>
    public void Dispose() => _material.Dispose();

    private string Describe() => KeyType == JsonWebKeyType.RSA ? "RSA" : Curve!;
}
