using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TnAcme.Stir;

namespace TnAcme.Passport.Tests;

public sealed class PassportSignerTests : IDisposable
{
    private static readonly Guid OrigId = Guid.Parse("123e4567-e89b-12d3-a456-426655440000");
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => _key.Dispose();

    private static PassportRequest Request(string? ppt = PassportSigner.ShakenPpt, string? attest = "A") => new()
    {
        X5u = new Uri("https://cert.example.org/passport.cer"),
        OrigTn = "+1-215-555-0121",
        DestTns = ["12155550131"],
        IssuedAt = DateTimeOffset.FromUnixTimeSeconds(1443208345),
        Ppt = ppt,
        Attest = attest,
        OrigId = OrigId,
    };

    [Fact]
    public void Rfc_6979_vector_p256_sha256_sample()
    {
        // RFC 6979 A.2.5: private key x, message "sample", SHA-256 → (r, s).
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Convert.FromHexString("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721"),
            Q = new ECPoint
            {
                X = Convert.FromHexString("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"),
                Y = Convert.FromHexString("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299"),
            },
        });
        var es256 = new Es256(key);
        Assert.True(es256.IsDeterministic);
        Assert.Equal(
            "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716" + "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8",
            Convert.ToHexString(es256.Sign("sample"u8)));
    }

    [Fact]
    public void Shaken_passport_is_canonical_json_and_verifies()
    {
        var signer = new PassportSigner(_key);
        SignedPassport signed = signer.Sign(Request());

        Assert.Equal("""{"alg":"ES256","ppt":"shaken","typ":"passport","x5u":"https://cert.example.org/passport.cer"}""", signed.HeaderJson);
        Assert.Equal(
            """{"attest":"A","dest":{"tn":["12155550131"]},"iat":1443208345,"orig":{"tn":"12155550121"},"origid":"123e4567-e89b-12d3-a456-426655440000"}""",
            signed.PayloadJson);

        string[] parts = signed.Compact.Split('.');
        Assert.Equal(signed.HeaderJson, Encoding.UTF8.GetString(Base64Url.Decode(parts[0])));
        Assert.Equal(signed.PayloadJson, Encoding.UTF8.GetString(Base64Url.Decode(parts[1])));
        Assert.True(_key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.Decode(parts[2]),
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.Equal(signed.Compact + ";info=<https://cert.example.org/passport.cer>;alg=ES256;ppt=shaken", signed.IdentityHeader);
    }

    [Fact]
    public void Same_request_same_bytes_with_an_exportable_key()
    {
        var signer = new PassportSigner(_key);
        Assert.True(signer.IsDeterministic);
        Assert.Equal(signer.Sign(Request()).Compact, signer.Sign(Request()).Compact);
    }

    [Fact]
    public void Dest_numbers_are_canonicalized_deduplicated_and_sorted()
    {
        SignedPassport signed = new PassportSigner(_key).Sign(Request() with { DestTns = ["+1 202 555 0102", "12025550101", "1-202-555-0102"] });
        Assert.Equal(["12025550101", "12025550102"], JsonNode.Parse(signed.PayloadJson)!["dest"]!["tn"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void Baseline_passport_has_no_ppt_attest_or_origid_unless_given()
    {
        SignedPassport signed = new PassportSigner(_key).Sign(Request(ppt: null, attest: null) with { OrigId = null });
        Assert.Equal("""{"alg":"ES256","typ":"passport","x5u":"https://cert.example.org/passport.cer"}""", signed.HeaderJson);
        Assert.Equal("""{"dest":{"tn":["12155550131"]},"iat":1443208345,"orig":{"tn":"12155550121"}}""", signed.PayloadJson);
        Assert.EndsWith(";alg=ES256", signed.IdentityHeader, StringComparison.Ordinal);
    }

    [Fact]
    public void Shaken_without_origid_gets_a_fresh_uuid()
    {
        SignedPassport signed = new PassportSigner(_key).Sign(Request() with { OrigId = null });
        Assert.True(Guid.TryParseExact((string?)JsonNode.Parse(signed.PayloadJson)!["origid"], "D", out _));
    }

    [Fact]
    public void Additional_claims_are_signed_in_order_but_may_not_replace_reserved_ones()
    {
        var signer = new PassportSigner(_key);
        SignedPassport signed = signer.Sign(Request() with
        {
            AdditionalClaims = new Dictionary<string, JsonNode?> { ["rcd"] = new JsonObject { ["nam"] = "Alice" }, ["crn"] = "Rendezvous" },
        });
        Assert.Contains("\"crn\":\"Rendezvous\",\"dest\"", signed.PayloadJson, StringComparison.Ordinal);
        Assert.EndsWith("\"origid\":\"123e4567-e89b-12d3-a456-426655440000\",\"rcd\":{\"nam\":\"Alice\"}}", signed.PayloadJson, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => signer.Sign(Request() with { AdditionalClaims = new Dictionary<string, JsonNode?> { ["orig"] = "x" } }));
    }

    [Theory]
    [InlineData("D")]
    [InlineData(null)]
    [InlineData("a")]
    public void Shaken_needs_attestation_a_b_or_c(string? attest)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new PassportSigner(_key).Sign(Request(attest: attest)));
        Assert.Contains("attest must be A, B or C", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_other_curves_and_bad_numbers()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Throws<ArgumentException>(() => new PassportSigner(p384));
        Assert.Throws<ArgumentException>(() => new PassportSigner(_key).Sign(Request() with { OrigTn = "sip:alice@example.com" }));
        Assert.Throws<ArgumentException>(() => new PassportSigner(_key).Sign(Request() with { DestTns = [] }));
    }
}
