using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using TnAcme.Stir;
using TnAcme.Validation.AuthorityToken;

namespace TnAcme.Validation.Tests.AuthorityToken.Support;

/// <summary>A tiny ES256 JWT signer, independent of the verifier, and the default test claims.</summary>
internal static class TokenMinter
{
    /// <summary>SPC 818H as standard base64 with padding, as the peeringhub docs and real SPC tokens write it (vector V4).</summary>
    public const string PaddedTkValue = "MAigBhYEODE4SA==";

    /// <summary>The RFC 7515 A.3 key's RFC 7638 thumbprint (vector V13), both spellings.</summary>
    public const string ThumbprintBase64Url = "oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U";

    public const string ThumbprintColonHex =
        "SHA256 A0:A2:32:C2:F1:94:A5:35:53:CB:13:10:DD:BC:08:21:E4:14:B9:D7:EB:FC:29:0B:32:30:84:D7:D1:02:0F:E5";

    public static readonly TnAuthList Spc818H = TnAuthList.Create(TnEntry.OfSpc("818H"));

    public static AuthorityTokenExpectation Expectation() => new(Spc818H, Base64Url.Decode(ThumbprintBase64Url));

    public static JsonObject Header(Uri x5u) => new() { ["alg"] = "ES256", ["typ"] = "JWT", ["x5u"] = x5u.AbsoluteUri };

    public static JsonObject HeaderX5c(params X509Certificate2[] chain) => new()
    {
        ["alg"] = "ES256",
        ["typ"] = "JWT",
        ["x5c"] = new JsonArray([.. chain.Select(c => JsonValue.Create(Convert.ToBase64String(c.RawData)))]),
    };

    public static JsonObject Payload(TimeSpan? lifetime = null, string? jti = null, bool? ca = false) => new()
    {
        ["exp"] = DateTimeOffset.UtcNow.Add(lifetime ?? TimeSpan.FromMinutes(5)).ToUnixTimeSeconds(),
        ["jti"] = jti ?? Guid.NewGuid().ToString(),
        ["atc"] = Atc(ca),
    };

    public static JsonObject Atc(bool? ca = false)
    {
        var atc = new JsonObject
        {
            ["tktype"] = "TNAuthList",
            ["tkvalue"] = PaddedTkValue,
            ["fingerprint"] = ThumbprintColonHex,
        };
        if (ca is { } value)
        {
            atc["ca"] = value;
        }

        return atc;
    }

    public static string Sign(JsonObject header, JsonObject payload, ECDsa key) =>
        SignRaw(header.ToJsonString(), payload.ToJsonString(), key);

    public static string SignRaw(string headerJson, string payloadJson, ECDsa key)
    {
        string signingInput = Base64Url.Encode(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(payloadJson));
        byte[] signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    /// <summary>Unix seconds of now plus <paramref name="offset"/>.</summary>
    public static long At(TimeSpan offset) => DateTimeOffset.UtcNow.Add(offset).ToUnixTimeSeconds();
}
