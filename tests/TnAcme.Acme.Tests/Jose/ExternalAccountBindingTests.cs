using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Stir;
using static TnAcme.Acme.Tests.Jose.Bodies;

namespace TnAcme.Acme.Tests.Jose;

public class ExternalAccountBindingTests
{
    private const string NewAccountUrl = "https://ca.example/acme/new-account";
    private const string Kid = "kid-0001";
    private static readonly byte[] MacKey = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] LongMacKey = RandomNumberGenerator.GetBytes(64);
    private static readonly JsonWebKey AccountKey = JsonWebKey.FromPublicKey(TestKeys.P256);

    private static byte[]? Keys(string kid) => kid switch
    {
        Kid => MacKey,
        "kid-long" => LongMacKey,
        _ => null,
    };

    private static string Verify(string eab, string? url = null, JsonWebKey? outer = null)
    {
        using var doc = JsonDocument.Parse(eab);
        return ExternalAccountBinding.Verify(doc.RootElement, url ?? NewAccountUrl, outer ?? AccountKey, Keys);
    }

    /// <summary>A MACed JWS with any header and payload.</summary>
    private static string Maced(string header, string payload, byte[] key, Func<byte[], ReadOnlySpan<byte>, byte[]>? mac = null)
    {
        var protectedB64 = B64(header);
        var payloadB64 = B64(payload);
        var tag = (mac ?? ((k, d) => HMACSHA256.HashData(k, d)))(key, Encoding.ASCII.GetBytes(protectedB64 + "." + payloadB64));
        return Serialize(protectedB64, payloadB64, Base64Url.Encode(tag));
    }

    private static string Header(string alg = "HS256", string kid = Kid, string url = NewAccountUrl, string extra = "") =>
        $$"""{"alg":"{{alg}}","kid":"{{kid}}","url":"{{url}}"{{extra}}}""";

    private static AcmeProblem Fails(string eab, string type, string? url = null, JsonWebKey? outer = null)
    {
        var problem = Problem(() => Verify(eab, url, outer));
        Assert.Equal(type, problem.Type);
        Assert.DoesNotContain(Base64Url.Encode(MacKey), problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(MacKey), problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(MacKey), problem.Detail, StringComparison.OrdinalIgnoreCase);
        return problem;
    }

    [Fact]
    public void A_binding_made_by_the_client_helper_verifies_and_names_its_kid()
    {
        Assert.Equal(Kid, Verify(ExternalAccountBinding.Create(Kid, MacKey, NewAccountUrl, AccountKey)));
        Assert.Equal("kid-long", Verify(ExternalAccountBinding.Create("kid-long", LongMacKey, NewAccountUrl, AccountKey, "HS384")));
        Assert.Equal("kid-long", Verify(ExternalAccountBinding.Create("kid-long", LongMacKey, NewAccountUrl, AccountKey, "HS512")));
    }

    [Fact]
    public void The_bound_key_may_be_written_in_any_form_of_the_same_key()
    {
        var p = TestKeys.P256.ExportParameters(false);
        var jwk = $$"""{"y":"{{Base64Url.Encode(p.Q.Y)}}","x":"{{Base64Url.Encode(p.Q.X)}}","crv":"P-256","kty":"EC","kid":"mine"}""";
        Assert.Equal(Kid, Verify(Maced(Header(), jwk, MacKey)));
    }

    [Fact]
    public void Not_an_object_is_malformed() =>
        Fails("\"" + B64("x") + "\"", AcmeErrorType.Malformed);

    [Fact]
    public void Not_a_flattened_jws_is_malformed() =>
        Fails("""{"protected":"e30","payload":"e30"}""", AcmeErrorType.Malformed);

    [Fact]
    public void A_signature_algorithm_instead_of_a_mac_is_malformed()
    {
        var signed = Signed(TestKeys.Signer("ES256"), Header("ES256"), AccountKey.ToJson());
        Assert.Contains("HS256", Fails(signed, AcmeErrorType.Malformed).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Alg_none_is_refused() =>
        Fails(Maced(Header("none"), AccountKey.ToJson(), MacKey), AcmeErrorType.Malformed);

    [Fact]
    public void A_jwk_instead_of_a_kid_is_malformed()
    {
        var header = $$"""{"alg":"HS256","jwk":{{AccountKey.ToJson()}},"url":"{{NewAccountUrl}}"}""";
        Assert.Contains("'kid'", Fails(Maced(header, AccountKey.ToJson(), MacKey), AcmeErrorType.Malformed).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nonce_is_malformed()
    {
        var eab = Maced(Header(extra: ",\"nonce\":\"" + Nonce + "\""), AccountKey.ToJson(), MacKey);
        Assert.Contains("'nonce'", Fails(eab, AcmeErrorType.Malformed).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_other_than_the_outer_one_is_unauthorized()
    {
        var eab = ExternalAccountBinding.Create(Kid, MacKey, "https://ca.example/acme/other", AccountKey);
        Assert.Contains("'url'", Fails(eab, AcmeErrorType.Unauthorized).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_kid_is_unauthorized()
    {
        var eab = ExternalAccountBinding.Create("kid-9999", MacKey, NewAccountUrl, AccountKey);
        Assert.Contains("kid-9999", Fails(eab, AcmeErrorType.Unauthorized).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mac_under_another_key_is_unauthorized()
    {
        var eab = ExternalAccountBinding.Create(Kid, RandomNumberGenerator.GetBytes(32), NewAccountUrl, AccountKey);
        Assert.Contains("MAC does not verify", Fails(eab, AcmeErrorType.Unauthorized).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_or_truncated_mac_is_unauthorized()
    {
        var eab = Maced(Header(), AccountKey.ToJson(), MacKey, (k, d) =>
        {
            var tag = HMACSHA256.HashData(k, d);
            tag[5] ^= 1;
            return tag;
        });
        Fails(eab, AcmeErrorType.Unauthorized);
        Fails(Maced(Header(), AccountKey.ToJson(), MacKey, (k, d) => HMACSHA256.HashData(k, d)[..16]), AcmeErrorType.Unauthorized);
    }

    [Fact]
    public void A_changed_payload_is_unauthorized_by_the_mac()
    {
        using var doc = JsonDocument.Parse(ExternalAccountBinding.Create(Kid, MacKey, NewAccountUrl, AccountKey));
        var other = JsonWebKey.FromPublicKey(TestKeys.P256Other).ToJson();
        var eab = Serialize(doc.RootElement.GetProperty("protected").GetString()!, B64(other), doc.RootElement.GetProperty("signature").GetString()!);
        Fails(eab, AcmeErrorType.Unauthorized);
    }

    [Fact]
    public void A_mac_key_shorter_than_the_hash_is_unauthorized()
    {
        var eab = Maced(Header("HS512"), AccountKey.ToJson(), MacKey, (k, d) => HMACSHA512.HashData(k, d));
        Assert.Contains("too short", Fails(eab, AcmeErrorType.Unauthorized).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_that_is_not_the_account_key_is_unauthorized()
    {
        var eab = ExternalAccountBinding.Create(Kid, MacKey, NewAccountUrl, JsonWebKey.FromPublicKey(TestKeys.P256Other));
        Assert.Contains("account key", Fails(eab, AcmeErrorType.Unauthorized).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_that_is_not_a_jwk_is_malformed()
    {
        Assert.Contains("payload", Fails(Maced(Header(), "{\"kty\":\"EC\"}", MacKey), AcmeErrorType.Malformed).Detail, StringComparison.Ordinal);
        Fails(Maced(Header(), "not json", MacKey), AcmeErrorType.Malformed);
        Fails(Maced(Header(), "", MacKey), AcmeErrorType.Malformed);
    }
}
