using System.Security.Cryptography;
using System.Text;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Stir;

namespace TnAcme.Acme.Tests.Jose;

/// <summary>Published vectors, pasted from the RFCs (not computed here).</summary>
internal static class Vectors
{
    // RFC 7515 Appendix A.3 (ES256).
    public const string A3X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    public const string A3Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
    public const string A3D = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
    public const string A3Thumbprint = "oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U";
    public const string A3SigningInput = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
    public const string A3Signature = "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
    public const string A3Jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + A3X + "\",\"y\":\"" + A3Y + "\"}";

    // RFC 7638 §3.1 (RSA), with its non-required members.
    public const string Rfc7638N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    public const string Rfc7638Jwk = "{\"kty\":\"RSA\",\"n\":\"" + Rfc7638N + "\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";
    public const string Rfc7638Thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    // RFC 8037 Appendix A.1, A.3, A.4 (Ed25519).
    public const string Ed25519D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    public const string Ed25519X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    public const string Ed25519Thumbprint = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
    public const string Ed25519SigningInput = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    public const string Ed25519Signature = "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
}

/// <summary>Keys generated once per test run (RSA generation is slow).</summary>
internal static class TestKeys
{
    public static readonly ECDsa P256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public static readonly ECDsa P256Other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public static readonly ECDsa P384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    public static readonly RSA Rsa2048 = RSA.Create(2048);
    public static readonly byte[] Ed25519Private = RandomNumberGenerator.GetBytes(32);

    public static readonly string[] Algorithms = [JwsAlgorithms.ES256, JwsAlgorithms.ES384, JwsAlgorithms.EdDSA, JwsAlgorithms.RS256];

    public static JwsSigner Signer(string alg) => alg switch
    {
        JwsAlgorithms.ES256 => JwsSigner.ForECDsa(P256),
        JwsAlgorithms.ES384 => JwsSigner.ForECDsa(P384),
        JwsAlgorithms.RS256 => JwsSigner.ForRsa(Rsa2048),
        JwsAlgorithms.EdDSA => JwsSigner.ForEd25519(Ed25519Private),
        _ => throw new ArgumentOutOfRangeException(nameof(alg)),
    };
}

/// <summary>Hand-made request bodies, for headers a well-behaved signer would never write.</summary>
internal static class Bodies
{
    public const string Url = "https://ca.example/acme/new-order";
    public const string AccountUrl = "https://ca.example/acme/acct/1";
    public const string Nonce = "bm9uY2Utb25l";

    public static string B64(string text) => Base64Url.Encode(Encoding.UTF8.GetBytes(text));

    public static string Serialize(string protectedB64, string payloadB64, string signatureB64) =>
        $$"""{"protected":"{{protectedB64}}","payload":"{{payloadB64}}","signature":"{{signatureB64}}"}""";

    /// <summary>A body with <paramref name="headerJson"/> as its protected header, correctly signed by <paramref name="signer"/>.</summary>
    public static string Signed(JwsSigner signer, string headerJson, string payload = "{}")
    {
        var protectedB64 = B64(headerJson);
        var payloadB64 = B64(payload);
        var signature = signer.CreateSignature(Encoding.ASCII.GetBytes(protectedB64 + "." + payloadB64));
        return Serialize(protectedB64, payloadB64, Base64Url.Encode(signature));
    }

    /// <summary>A header with kid, nonce and url, plus <paramref name="extra"/> members (",\"x\":1").</summary>
    public static string KidHeader(string alg = "ES256", string extra = "") =>
        $$"""{"alg":"{{alg}}","kid":"{{AccountUrl}}","nonce":"{{Nonce}}","url":"{{Url}}"{{extra}}}""";

    public static FlattenedJws Parse(string body) => FlattenedJws.Parse(Encoding.UTF8.GetBytes(body));

    public static AcmeProblem Problem(Action action) => Assert.Throws<AcmeProblemException>(action).Problem;

    public static AcmeProblem ParseProblem(string body) => Problem(() => Parse(body));
}
