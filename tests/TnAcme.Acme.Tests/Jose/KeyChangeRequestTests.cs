using System.Text;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Stir;
using static TnAcme.Acme.Tests.Jose.Bodies;

namespace TnAcme.Acme.Tests.Jose;

public class KeyChangeRequestTests
{
    private const string KeyChangeUrl = "https://ca.example/acme/key-change";
    private static readonly JwsSigner Old = JwsSigner.ForECDsa(TestKeys.P256);
    private static readonly JwsSigner New = TestKeys.Signer("EdDSA");

    /// <summary>The outer request: signed with the old key, kid = account URL, payload = the inner JWS.</summary>
    private static FlattenedJws Outer(string inner, string kid = AccountUrl, string url = KeyChangeUrl) =>
        Parse(Old.Sign(Encoding.UTF8.GetBytes(inner), url, Nonce, kid));

    /// <summary>An inner JWS with any header and payload, signed by <paramref name="signer"/>.</summary>
    private static string Inner(string header, string payload, JwsSigner? signer = null) => Signed(signer ?? New, header, payload);

    private static string InnerHeader(string extra = "", string url = KeyChangeUrl, JwsSigner? key = null) =>
        $$"""{"alg":"{{(key ?? New).Algorithm}}","jwk":{{(key ?? New).PublicKey.ToJson()}},"url":"{{url}}"{{extra}}}""";

    private static string InnerPayload(string account = AccountUrl, JsonWebKey? oldKey = null) =>
        $$"""{"account":"{{account}}","oldKey":{{(oldKey ?? Old.PublicKey).ToJson()}}}""";

    private static AcmeProblem Fails(FlattenedJws outer, string type, string? detailPart = null)
    {
        var problem = Problem(() => KeyChangeRequest.Verify(outer, Old.PublicKey));
        Assert.Equal(type, problem.Type);
        if (detailPart is not null)
        {
            Assert.Contains(detailPart, problem.Detail, StringComparison.Ordinal);
        }

        return problem;
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("EdDSA")]
    [InlineData("RS256")]
    public void A_request_made_by_the_client_helper_yields_the_new_key(string alg)
    {
        var newKey = alg == "ES256" ? JwsSigner.ForECDsa(TestKeys.P256Other) : TestKeys.Signer(alg);
        var inner = KeyChangeRequest.Create(newKey, AccountUrl, Old.PublicKey, KeyChangeUrl);
        var result = KeyChangeRequest.Verify(Outer(inner), Old.PublicKey);
        Assert.Equal(newKey.PublicKey, result);
    }

    [Fact]
    public void A_hand_made_request_with_extra_members_is_accepted()
    {
        var inner = Inner(InnerHeader(",\"typ\":\"x\""), InnerPayload().Replace("{", "{\"note\":[1],", StringComparison.Ordinal));
        Assert.Equal(New.PublicKey, KeyChangeRequest.Verify(Outer(inner), Old.PublicKey));
    }

    [Fact]
    public void An_outer_jws_with_jwk_instead_of_kid_is_malformed()
    {
        var inner = KeyChangeRequest.Create(New, AccountUrl, Old.PublicKey, KeyChangeUrl);
        var outer = Parse(Old.Sign(Encoding.UTF8.GetBytes(inner), KeyChangeUrl, Nonce));
        Fails(outer, AcmeErrorType.Malformed, "'kid'");
    }

    [Fact]
    public void An_empty_outer_payload_is_malformed() =>
        Fails(Parse(Old.SignPostAsGet(KeyChangeUrl, Nonce, AccountUrl)), AcmeErrorType.Malformed, "inner JWS");

    [Fact]
    public void An_inner_payload_that_is_not_a_jws_is_malformed()
    {
        Fails(Outer("{\"account\":\"x\"}"), AcmeErrorType.Malformed, "key change inner JWS");
        Fails(Outer("not json"), AcmeErrorType.Malformed, "key change inner JWS");
    }

    [Fact]
    public void An_inner_nonce_is_malformed() =>
        Fails(Outer(Inner(InnerHeader(",\"nonce\":\"" + Nonce + "\""), InnerPayload())), AcmeErrorType.Malformed, "'nonce'");

    [Fact]
    public void An_inner_kid_instead_of_jwk_is_malformed()
    {
        var header = $$"""{"alg":"EdDSA","kid":"{{AccountUrl}}","url":"{{KeyChangeUrl}}"}""";
        Fails(Outer(Inner(header, InnerPayload())), AcmeErrorType.Malformed, "'jwk'");
    }

    [Fact]
    public void An_inner_url_other_than_the_outer_one_is_malformed() =>
        Fails(Outer(Inner(InnerHeader(url: "https://ca.example/acme/other"), InnerPayload())), AcmeErrorType.Malformed, "'url'");

    [Fact]
    public void An_inner_signature_by_another_key_is_malformed()
    {
        var inner = Inner(InnerHeader(), InnerPayload(), signer: JwsSigner.ForEd25519(new byte[32]));
        Fails(Outer(inner), AcmeErrorType.Malformed, "does not verify");
    }

    [Fact]
    public void An_inner_mac_is_a_bad_signature_algorithm()
    {
        var header = $$"""{"alg":"HS256","jwk":{{New.PublicKey.ToJson()}},"url":"{{KeyChangeUrl}}"}""";
        Fails(Outer(Inner(header, InnerPayload())), AcmeErrorType.BadSignatureAlgorithm);
    }

    [Fact]
    public void An_inner_alg_that_does_not_fit_the_new_key_is_a_bad_signature_algorithm()
    {
        var header = $$"""{"alg":"ES256","jwk":{{New.PublicKey.ToJson()}},"url":"{{KeyChangeUrl}}"}""";
        Fails(Outer(Inner(header, InnerPayload())), AcmeErrorType.BadSignatureAlgorithm);
    }

    [Fact]
    public void An_unacceptable_new_key_is_a_bad_public_key()
    {
        using var rsa1024 = System.Security.Cryptography.RSA.Create(1024);
        var weak = $$"""{"kty":"RSA","n":"{{Base64Url.Encode(rsa1024.ExportParameters(false).Modulus!)}}","e":"AQAB"}""";
        var header = $$"""{"alg":"RS256","jwk":{{weak}},"url":"{{KeyChangeUrl}}"}""";
        Fails(Outer(Inner(header, InnerPayload())), AcmeErrorType.BadPublicKey);
    }

    [Fact]
    public void An_account_other_than_the_outer_kid_is_unauthorized() =>
        Fails(Outer(Inner(InnerHeader(), InnerPayload(account: "https://ca.example/acme/acct/2"))), AcmeErrorType.Unauthorized, "'account'");

    [Fact]
    public void An_old_key_other_than_the_current_key_is_unauthorized() =>
        Fails(Outer(Inner(InnerHeader(), InnerPayload(oldKey: JsonWebKey.FromPublicKey(TestKeys.P256Other)))), AcmeErrorType.Unauthorized, "'oldKey'");

    [Fact]
    public void A_new_key_equal_to_the_current_key_is_malformed()
    {
        var inner = KeyChangeRequest.Create(Old, AccountUrl, Old.PublicKey, KeyChangeUrl);
        Fails(Outer(inner), AcmeErrorType.Malformed, "current key");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"account\":\"https://ca.example/acme/acct/1\"}")]
    [InlineData("{\"oldKey\":{\"kty\":\"EC\"}}")]
    [InlineData("{\"account\":1,\"oldKey\":{}}")]
    [InlineData("{\"account\":\"https://ca.example/acme/acct/1\",\"oldKey\":\"k\"}")]
    [InlineData("{\"account\":\"https://ca.example/acme/acct/1\",\"oldKey\":{\"kty\":\"EC\"}}")]
    [InlineData("{\"account\":\"https://ca.example/acme/acct/1\",\"account\":\"https://ca.example/acme/acct/1\",\"oldKey\":{}}")]
    [InlineData("{\"account\":\"https://ca.example/acme/acct/1\"")]
    public void An_inner_payload_of_the_wrong_shape_is_malformed(string payload) =>
        Fails(Outer(Inner(InnerHeader(), payload)), AcmeErrorType.Malformed, "payload");
}
