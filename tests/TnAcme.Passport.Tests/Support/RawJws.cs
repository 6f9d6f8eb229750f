using System.Security.Cryptography;
using System.Text;
using TnAcme.Stir;

namespace TnAcme.Passport.Tests.Support;

/// <summary>Signs arbitrary header and payload text, to build PASSporTs the signer would refuse to write.</summary>
internal static class RawJws
{
    public static string Sign(ECDsa key, string headerJson, string payloadJson)
    {
        string input = Base64Url.Encode(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(payloadJson));
        byte[] signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + Base64Url.Encode(signature);
    }

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static string ShakenHeader(string x5u = "https://cert.example.org/chain.pem") =>
        $$"""{"alg":"ES256","ppt":"shaken","typ":"passport","x5u":"{{x5u}}"}""";

    public static string ShakenPayload(string orig, long iat, string attest = "A") =>
        $$"""{"attest":"{{attest}}","dest":{"tn":["12025550199"]},"iat":{{iat}},"orig":{"tn":"{{orig}}"},"origid":"123e4567-e89b-12d3-a456-426655440000"}""";
}
