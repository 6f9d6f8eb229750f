using System.Security.Cryptography;
using System.Text.Json;
using TnAcme.Acme.Problems;
using TnAcme.Stir;

namespace TnAcme.Acme.Jose;

/// <summary>
/// External account binding (RFC 8555 §7.3.4): a JWS, MACed with a key the CA issued out of band,
/// whose payload is the new account's public key.
/// </summary>
public static class ExternalAccountBinding
{
    private const string What = "external account binding JWS";

    /// <summary>
    /// Checks the <c>externalAccountBinding</c> member of a newAccount payload and returns its <c>kid</c>
    /// (the external account). <paramref name="outerUrl"/> and <paramref name="outerJwk"/> come from the
    /// authenticated outer JWS; <paramref name="macKeyForKid"/> returns the MAC key for a key
    /// identifier, or null if there is none.
    /// </summary>
    /// <exception cref="AcmeProblemException">
    /// malformed when the binding is not a flattened JWS, is not MACed with HS256/HS384/HS512, has no
    /// <c>kid</c>, has a <c>nonce</c>, or its payload is not a JWK; unauthorized when its <c>url</c> is
    /// not the outer one, the <c>kid</c> is unknown, the MAC key is too short for the algorithm
    /// (RFC 7518 §3.2), the MAC does not verify, or the payload is not the account key. The MAC key
    /// never appears in a detail.
    /// </exception>
    public static string Verify(JsonElement eab, string outerUrl, JsonWebKey outerJwk, Func<string, byte[]?> macKeyForKid)
    {
        ArgumentNullException.ThrowIfNull(outerJwk);
        ArgumentNullException.ThrowIfNull(macKeyForKid);

        FlattenedJws jws;
        try
        {
            jws = FlattenedJws.ParseInner(eab, What);
        }
        catch (AcmeProblemException e) when (e.Problem.Type != AcmeErrorType.Malformed)
        {
            // An unacceptable alg or embedded key here is a malformed binding, not a problem with the request's signature.
            throw JoseProblems.Malformed(e.Problem.Detail);
        }

        if (!jws.IsMac)
        {
            throw JoseProblems.Malformed($"the {What} must be MACed with HS256, HS384 or HS512, not {jws.Algorithm} (RFC 8555 §7.3.4)");
        }

        var kid = jws.Kid ?? throw JoseProblems.Malformed($"the {What} header must have 'kid' (the key identifier the CA issued), not 'jwk'");
        if (!string.Equals(jws.Url, outerUrl, StringComparison.Ordinal))
        {
            throw JoseProblems.Unauthorized($"the {What} 'url' is not the outer JWS 'url'");
        }

        var macKey = macKeyForKid(kid) ?? throw JoseProblems.Unauthorized($"the {What} 'kid' {JoseProblems.Quote(kid)} is not a known external account key");
        int macLength = MacLength(jws.Algorithm);
        if (macKey.Length < macLength)
        {
            throw JoseProblems.Unauthorized($"the MAC key for this 'kid' is too short for {jws.Algorithm} (RFC 7518 §3.2); use HS256");
        }

        Span<byte> expected = stackalloc byte[macLength];
        ComputeMac(jws.Algorithm, macKey, jws.SigningInput.Span, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, jws.Signature.Span))
        {
            throw JoseProblems.Unauthorized($"the {What} MAC does not verify");
        }

        if (jws.PayloadBytes.IsEmpty)
        {
            throw JoseProblems.Malformed($"the {What} payload must be the account's JWK, not empty");
        }

        JsonWebKey bound;
        try
        {
            bound = JsonWebKey.Parse(jws.PayloadBytes.Span);
        }
        catch (AcmeProblemException e)
        {
            throw JoseProblems.Prefixed($"the {What} payload: ", e);
        }

        using (bound)
        {
            if (!bound.Equals(outerJwk))
            {
                throw JoseProblems.Unauthorized($"the {What} payload is not the account key (the outer JWS 'jwk')");
            }
        }

        return kid;
    }

    /// <summary>
    /// The <c>externalAccountBinding</c> value a client puts in its newAccount payload: a JWS over the
    /// account's public JWK, MACed with <paramref name="macKey"/>, for the newAccount <paramref name="url"/>.
    /// </summary>
    public static string Create(string kid, ReadOnlySpan<byte> macKey, string url, JsonWebKey accountKey, string algorithm = JwsAlgorithms.HS256)
    {
        ArgumentException.ThrowIfNullOrEmpty(kid);
        ArgumentException.ThrowIfNullOrEmpty(url);
        ArgumentNullException.ThrowIfNull(accountKey);
        if (!JwsAlgorithms.IsMac(algorithm))
        {
            throw new ArgumentException("HS256, HS384 or HS512", nameof(algorithm));
        }

        var protectedB64 = JwsJson.ProtectedHeader(algorithm, jwk: null, kid, nonce: null, url);
        var payloadB64 = Base64Url.Encode(System.Text.Encoding.ASCII.GetBytes(accountKey.CanonicalJson));
        Span<byte> mac = stackalloc byte[MacLength(algorithm)];
        ComputeMac(algorithm, macKey, JwsJson.SigningInput(protectedB64, payloadB64), mac);
        return JwsJson.Serialize(protectedB64, payloadB64, mac);
    }

    private static int MacLength(string alg) => alg switch
    {
        JwsAlgorithms.HS256 => HMACSHA256.HashSizeInBytes,
        JwsAlgorithms.HS384 => HMACSHA384.HashSizeInBytes,
        _ => HMACSHA512.HashSizeInBytes,
    };

    private static void ComputeMac(string alg, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        _ = alg switch
        {
            JwsAlgorithms.HS256 => HMACSHA256.HashData(key, data, destination),
            JwsAlgorithms.HS384 => HMACSHA384.HashData(key, data, destination),
            _ => HMACSHA512.HashData(key, data, destination),
        };
    }
}
