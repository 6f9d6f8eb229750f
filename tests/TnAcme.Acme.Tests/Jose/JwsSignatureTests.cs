using System.Text;
using System.Text.Json;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Stir;
using static TnAcme.Acme.Tests.Jose.Bodies;

namespace TnAcme.Acme.Tests.Jose;

public class JwsSignatureTests
{
    [Fact]
    public void Rfc7515_a3_es256_signature_verifies()
    {
        var key = JsonWebKey.Parse(Vectors.A3Jwk);
        var input = Encoding.ASCII.GetBytes(Vectors.A3SigningInput);
        var signature = Base64Url.Decode(Vectors.A3Signature);
        Assert.True(key.Verify("ES256", input, signature));
        input[^1] ^= 1;
        Assert.False(key.Verify("ES256", input, signature));
    }

    [Fact]
    public void Rfc8037_a4_eddsa_signature_verifies_and_signing_reproduces_it()
    {
        var key = JsonWebKey.Parse($$"""{"kty":"OKP","crv":"Ed25519","x":"{{Vectors.Ed25519X}}"}""");
        var input = Encoding.ASCII.GetBytes(Vectors.Ed25519SigningInput);
        Assert.True(key.Verify("EdDSA", input, Base64Url.Decode(Vectors.Ed25519Signature)));

        var signer = JwsSigner.ForEd25519(Base64Url.Decode(Vectors.Ed25519D));
        Assert.Equal(key, signer.PublicKey);
        Assert.Equal(Vectors.Ed25519Signature, Base64Url.Encode(signer.CreateSignature(input)));
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("EdDSA")]
    [InlineData("RS256")]
    public void Signed_requests_round_trip_with_jwk_and_with_kid(string alg)
    {
        var signer = TestKeys.Signer(alg);
        Assert.Equal(alg, signer.Algorithm);
        var payload = """{"identifiers":[{"type":"TNAuthList","value":"F83n2a"}]}"""u8.ToArray();

        var withJwk = FlattenedJws.Parse(Encoding.UTF8.GetBytes(signer.Sign(payload, Url, Nonce)));
        Assert.Equal(alg, withJwk.Algorithm);
        Assert.Equal(Nonce, withJwk.Nonce);
        Assert.Equal(Url, withJwk.Url);
        Assert.Null(withJwk.Kid);
        Assert.Equal(signer.PublicKey, withJwk.Jwk);
        Assert.Equal(payload, withJwk.PayloadBytes.ToArray());
        Assert.False(withJwk.IsPostAsGet);
        Assert.True(withJwk.Verify(withJwk.Jwk!));
        withJwk.EnsureValidSignature(withJwk.Jwk!);

        var withKid = FlattenedJws.Parse(Encoding.UTF8.GetBytes(signer.SignPostAsGet(Url, Nonce, AccountUrl)));
        Assert.Equal(AccountUrl, withKid.Kid);
        Assert.Null(withKid.Jwk);
        Assert.True(withKid.IsPostAsGet);
        Assert.True(withKid.Verify(JsonWebKey.Parse(signer.PublicKey.ToJson())));
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("EdDSA")]
    [InlineData("RS256")]
    public void A_changed_payload_or_signature_does_not_verify(string alg)
    {
        var signer = TestKeys.Signer(alg);
        using var doc = JsonDocument.Parse(signer.Sign("{}"u8, Url, Nonce, AccountUrl));
        var protectedB64 = doc.RootElement.GetProperty("protected").GetString()!;
        var signature = Base64Url.Decode(doc.RootElement.GetProperty("signature").GetString()!);

        var otherPayload = Parse(Serialize(protectedB64, B64("{ }"), Base64Url.Encode(signature)));
        Assert.False(otherPayload.Verify(signer.PublicKey));
        Assert.Equal(AcmeErrorType.Malformed, Problem(() => otherPayload.EnsureValidSignature(signer.PublicKey)).Type);

        signature[signature.Length / 2] ^= 0x10;
        Assert.False(Parse(Serialize(protectedB64, B64("{}"), Base64Url.Encode(signature))).Verify(signer.PublicKey));
    }

    [Fact]
    public void A_signature_by_another_key_does_not_verify()
    {
        var body = JwsSigner.ForECDsa(TestKeys.P256Other).Sign("{}"u8, Url, Nonce, AccountUrl);
        Assert.False(Parse(body).Verify(JsonWebKey.FromPublicKey(TestKeys.P256)));
    }

    [Fact]
    public void A_kid_request_whose_alg_does_not_fit_the_account_key_is_a_bad_signature_algorithm()
    {
        // An ES384 request for an account whose key is P-256.
        var jws = Parse(TestKeys.Signer("ES384").Sign("{}"u8, Url, Nonce, AccountUrl));
        var problem = Problem(() => jws.Verify(JsonWebKey.FromPublicKey(TestKeys.P256)));
        Assert.Equal(AcmeErrorType.BadSignatureAlgorithm, problem.Type);
        Assert.Equal(["ES256", "ES384", "EdDSA", "RS256"], problem.Algorithms);
    }

    [Fact]
    public void Signing_refuses_keys_the_server_would_refuse()
    {
        using var p521 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP521);
        Assert.Throws<ArgumentException>(() => JwsSigner.ForECDsa(p521));
        using var rsa1024 = System.Security.Cryptography.RSA.Create(1024);
        Assert.Throws<ArgumentException>(() => JwsSigner.ForRsa(rsa1024));
        Assert.Throws<ArgumentException>(() => JwsSigner.ForEd25519(new byte[31]));
    }

    [Fact]
    public void Signer_escapes_header_values_and_the_server_reads_them_back()
    {
        const string url = "https://ca.example/acme/order?x=1&y=\"2\"";
        var jws = Parse(TestKeys.Signer("ES256").Sign([], url, Nonce, "https://ca.example/acct/é"));
        Assert.Equal(url, jws.Url);
        Assert.Equal("https://ca.example/acct/é", jws.Kid);
        Assert.True(jws.Verify(TestKeys.Signer("ES256").PublicKey));
    }
}
