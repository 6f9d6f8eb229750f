using System.Text;
using System.Text.Json;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Stir;
using static TnAcme.Acme.Tests.Jose.Bodies;

namespace TnAcme.Acme.Tests.Jose;

public class FlattenedJwsTests
{
    private static readonly JwsSigner Es256 = TestKeys.Signer("ES256");

    private static string JwkOf(JwsSigner signer) => signer.PublicKey.ToJson();

    [Fact]
    public void A_valid_request_exposes_every_part_exactly_as_received()
    {
        var header = KidHeader();
        var body = Signed(Es256, header, """{"a":1}""");
        var jws = Parse(body);

        Assert.Equal("ES256", jws.Algorithm);
        Assert.Equal(Nonce, jws.Nonce);
        Assert.Equal(Url, jws.Url);
        Assert.Equal(AccountUrl, jws.Kid);
        Assert.Null(jws.Jwk);
        Assert.Equal(B64(header), jws.ProtectedHeaderRaw);
        Assert.Equal(header, Encoding.UTF8.GetString(jws.ProtectedHeaderJson.Span));
        Assert.Equal(B64(header) + "." + B64("""{"a":1}"""), Encoding.ASCII.GetString(jws.SigningInput.Span));
        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(jws.PayloadBytes.Span));
        Assert.Equal(64, jws.Signature.Length);
        Assert.False(jws.IsMac);
        Assert.True(jws.Verify(Es256.PublicKey));
    }

    [Fact]
    public void An_empty_payload_is_post_as_get_and_an_empty_object_is_not()
    {
        var get = Parse(Es256.Sign([], Url, Nonce, AccountUrl));
        Assert.True(get.IsPostAsGet);
        Assert.True(get.PayloadBytes.IsEmpty);
        Assert.EndsWith(".", Encoding.ASCII.GetString(get.SigningInput.Span), StringComparison.Ordinal);
        Assert.False(Parse(Es256.Sign("{}"u8, Url, Nonce, AccountUrl)).IsPostAsGet);
    }

    [Fact]
    public void Unknown_header_and_top_level_members_are_ignored()
    {
        var body = Signed(Es256, KidHeader(extra: ""","typ":"x","x5u":"https://x","ext":{"a":[1,{"b":null}]}"""));
        body = body.Insert(1, "\"extra\":{\"nested\":[1,2]},");
        Assert.True(Parse(body).Verify(Es256.PublicKey));
    }

    [Fact]
    public void Json_escapes_in_the_members_are_read_as_their_characters()
    {
        var body = Signed(Es256, KidHeader());
        var escaped = body.Replace("\"protected\":\"e", "\"protected\":\"\\u0065", StringComparison.Ordinal);
        Assert.NotEqual(body, escaped);
        Assert.True(Parse(escaped).Verify(Es256.PublicKey));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("HS384")]
    [InlineData("HS512")]
    [InlineData("RS512")]
    [InlineData("PS256")]
    [InlineData("ES512")]
    [InlineData("Ed25519")]
    [InlineData("es256")]
    [InlineData("")]
    public void Unsigned_mac_and_unknown_algorithms_are_bad_signature_algorithms(string alg)
    {
        var problem = ParseProblem(Signed(Es256, KidHeader(alg)));
        Assert.Equal(AcmeErrorType.BadSignatureAlgorithm, problem.Type);
        Assert.Equal(JwsAlgorithms.Supported, problem.Algorithms);
    }

    [Fact]
    public void An_alg_that_does_not_fit_the_embedded_jwk_is_a_bad_signature_algorithm()
    {
        var header = $$"""{"alg":"ES384","jwk":{{JwkOf(Es256)}},"nonce":"{{Nonce}}","url":"{{Url}}"}""";
        Assert.Equal(AcmeErrorType.BadSignatureAlgorithm, ParseProblem(Signed(Es256, header)).Type);
        header = $$"""{"alg":"RS256","jwk":{{JwkOf(Es256)}},"nonce":"{{Nonce}}","url":"{{Url}}"}""";
        Assert.Equal(AcmeErrorType.BadSignatureAlgorithm, ParseProblem(Signed(Es256, header)).Type);
    }

    public static TheoryData<string, string> BadHeaders => new()
    {
        { $$"""{"kid":"{{AccountUrl}}","nonce":"{{Nonce}}","url":"{{Url}}"}""", AcmeErrorType.Malformed },
        { $$"""{"alg":256,"kid":"{{AccountUrl}}","nonce":"{{Nonce}}","url":"{{Url}}"}""", AcmeErrorType.Malformed },
        { $$"""{"alg":"ES256","alg":"ES256","kid":"{{AccountUrl}}","nonce":"{{Nonce}}","url":"{{Url}}"}""", AcmeErrorType.Malformed },
        { $$"""{"alg":"ES256","kid":"{{AccountUrl}}","url":"{{Url}}"}""", AcmeErrorType.BadNonce },
        { $$"""{"alg":"ES256","kid":"{{AccountUrl}}","nonce":null,"url":"{{Url}}"}""", AcmeErrorType.Malformed },
        { $$"""{"alg":"ES256","kid":"{{AccountUrl}}","nonce":"","url":"{{Url}}"}""", AcmeErrorType.Malformed },
        { $$"""{"alg":"ES256","kid":"{{AccountUrl}}","nonce":"bm9uY2Utb25l=","url":"{{Url}}"}""", AcmeErrorType.Malformed },
        { $$"""{"alg":"ES256","kid":"{{AccountUrl}}","nonce":"bm9u+2Utb25l","url":"{{Url}}"}""", AcmeErrorType.Malformed },
        { $$"""{"alg":"ES256","kid":"{{AccountUrl}}","nonce":"bm9uY2Utb25", "url":"{{Url}}"}""", AcmeErrorType.Malformed },
        { $$"""{"alg":"ES256","kid":"{{AccountUrl}}","nonce":"{{Nonce}}"}""", AcmeErrorType.Malformed },
        { $$"""{"alg":"ES256","kid":"{{AccountUrl}}","nonce":"{{Nonce}}","url":""}""", AcmeErrorType.Malformed },
        { $$"""{"alg":"ES256","kid":"{{AccountUrl}}","nonce":"{{Nonce}}","url":["{{Url}}"]}""", AcmeErrorType.Malformed },
        { $$"""{"alg":"ES256","nonce":"{{Nonce}}","url":"{{Url}}"}""", AcmeErrorType.Malformed },
        { $$"""{"alg":"ES256","kid":"","nonce":"{{Nonce}}","url":"{{Url}}"}""", AcmeErrorType.Malformed },
        { $$"""{"alg":"ES256","kid":7,"nonce":"{{Nonce}}","url":"{{Url}}"}""", AcmeErrorType.Malformed },
        { $$"""{"alg":"ES256","jwk":"{}","nonce":"{{Nonce}}","url":"{{Url}}"}""", AcmeErrorType.Malformed },
        { KidHeader(extra: ""","b64":false,"crit":["b64"]"""), AcmeErrorType.Malformed },
        { KidHeader(extra: ""","b64":false"""), AcmeErrorType.Malformed },
        { KidHeader(extra: ""","crit":["exp"]"""), AcmeErrorType.Malformed },
        { "[]", AcmeErrorType.Malformed },
        { "\"header\"", AcmeErrorType.Malformed },
        { "{\"alg\":\"ES256\"", AcmeErrorType.Malformed },
        { KidHeader() + "{}", AcmeErrorType.Malformed },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void Bad_protected_headers_are_refused(string header, string type)
    {
        var problem = ParseProblem(Signed(Es256, header));
        Assert.Equal(type, problem.Type);
        Assert.Contains("JWS", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Jwk_and_kid_together_are_malformed()
    {
        var header = $$"""{"alg":"ES256","jwk":{{JwkOf(Es256)}},"kid":"{{AccountUrl}}","nonce":"{{Nonce}}","url":"{{Url}}"}""";
        var problem = ParseProblem(Signed(Es256, header));
        Assert.Equal(AcmeErrorType.Malformed, problem.Type);
        Assert.Contains("both", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_embedded_keys_are_bad_public_keys_or_malformed()
    {
        using var rsa1024 = System.Security.Cryptography.RSA.Create(1024);
        var p = rsa1024.ExportParameters(false);
        var weak = $$"""{"kty":"RSA","n":"{{Base64Url.Encode(p.Modulus!)}}","e":"AQAB"}""";
        var problem = ParseProblem(Signed(Es256, $$"""{"alg":"RS256","jwk":{{weak}},"nonce":"{{Nonce}}","url":"{{Url}}"}"""));
        Assert.Equal(AcmeErrorType.BadPublicKey, problem.Type);
        Assert.StartsWith("the JWS header 'jwk': ", problem.Detail, StringComparison.Ordinal);

        var withPrivate = JwkOf(Es256).Replace("}", ",\"d\":\"" + Vectors.A3D + "\"}", StringComparison.Ordinal);
        Assert.Equal(AcmeErrorType.BadPublicKey, ParseProblem(Signed(Es256, $$"""{"alg":"ES256","jwk":{{withPrivate}},"nonce":"{{Nonce}}","url":"{{Url}}"}""")).Type);

        var padded = JwkOf(Es256).Replace("\"}", "=\"}", StringComparison.Ordinal);
        Assert.Equal(AcmeErrorType.Malformed, ParseProblem(Signed(Es256, $$"""{"alg":"ES256","jwk":{{padded}},"nonce":"{{Nonce}}","url":"{{Url}}"}""")).Type);
    }

    [Fact]
    public void Padded_or_non_canonical_base64url_is_malformed_in_every_field()
    {
        var header = B64(KidHeader());
        var payload = B64("{\"a\":1}");
        var signature = Base64Url.Encode(Es256.CreateSignature(Encoding.ASCII.GetBytes(header + "." + payload)));
        Assert.True(Parse(Serialize(header, payload, signature)).Verify(Es256.PublicKey));

        // Base64 of the header JSON; pad until the length is a multiple of four, and add one '=' if it already is.
        static string Pad(string s) => s.Length % 4 == 0 ? s + "=" : s.PadRight(s.Length + (4 - (s.Length % 4)), '=');

        foreach (var body in new[]
        {
            Serialize(Pad(header), payload, signature),
            Serialize(header, Pad(payload), signature),
            Serialize(header, payload, signature + "=="),
            Serialize(header.Replace('-', '+').Replace('_', '/') + "+", payload, signature),
            Serialize(header, payload, signature.Replace('-', '+').Replace('_', '/') + "/"),
            Serialize(header, "e31", signature),
            Serialize(header, "e3", signature),
            Serialize(header, payload + " ", signature),
            Serialize(header, payload, signature[..^1] + "\\n"),
            Serialize(header, payload, "A"),
        })
        {
            var problem = ParseProblem(body);
            Assert.Equal(AcmeErrorType.Malformed, problem.Type);
        }
    }

    public static TheoryData<string> BadBodies => new()
    {
        "",
        "   ",
        "null",
        "[]",
        "\"eyJhbGciOiJFUzI1NiJ9.e30.AAAA\"",
        "eyJhbGciOiJFUzI1NiJ9.e30.AAAA",
        "{}",
        """{"protected":"eyJhbGciOiJFUzI1NiJ9","payload":"e30"}""",
        """{"protected":"eyJhbGciOiJFUzI1NiJ9","signature":"AAAA"}""",
        """{"payload":"e30","signature":"AAAA"}""",
        """{"protected":"","payload":"e30","signature":"AAAA"}""",
        """{"protected":"eyJhbGciOiJFUzI1NiJ9","payload":"e30","signature":""}""",
        """{"protected":1,"payload":"e30","signature":"AAAA"}""",
        """{"protected":"eyJhbGciOiJFUzI1NiJ9","payload":null,"signature":"AAAA"}""",
        """{"protected":"eyJhbGciOiJFUzI1NiJ9","payload":"e30","signature":"AAAA","signature":"AAAA"}""",
        """{"protected":"eyJhbGciOiJFUzI1NiJ9","payload":"e30","signature":"AAAA"} {}""",
        """{"protected":"eyJhbGciOiJFUzI1NiJ9","payload":"e30","signature":"AAAA",}""",
        """{"protected":"eyJhbGciOiJFUzI1NiJ9","payload":"e30","signature":"AAAA" /* c */}""",
        """{"protected":"eyJhbGciOiJFUzI1NiJ9","payload":"e30","signature":"AAAA\""",
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void Bodies_that_are_not_one_flattened_jws_are_malformed(string body)
    {
        Assert.Equal(AcmeErrorType.Malformed, ParseProblem(body).Type);
    }

    [Fact]
    public void The_compact_serialization_is_named_in_the_problem()
    {
        var problem = ParseProblem("eyJhbGciOiJFUzI1NiJ9.e30.AAAA");
        Assert.Contains("compact", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unprotected_header_is_malformed()
    {
        var body = Signed(Es256, KidHeader()).Insert(1, "\"header\":{\"kid\":\"x\"},");
        var problem = ParseProblem(body);
        Assert.Equal(AcmeErrorType.Malformed, problem.Type);
        Assert.Contains("unprotected", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_general_serialization_is_malformed()
    {
        using var doc = JsonDocument.Parse(Signed(Es256, KidHeader()));
        var r = doc.RootElement;
        var general = $$"""{"payload":"{{r.GetProperty("payload").GetString()}}","signatures":[{"protected":"{{r.GetProperty("protected").GetString()}}","signature":"{{r.GetProperty("signature").GetString()}}"}]}""";
        var problem = ParseProblem(general);
        Assert.Equal(AcmeErrorType.Malformed, problem.Type);
        Assert.Contains("general", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Bodies_over_64_KiB_are_refused_and_64_KiB_is_read()
    {
        var large = Signed(Es256, KidHeader(), "\"" + new string('a', 40_000) + "\"");
        Assert.True(Encoding.UTF8.GetByteCount(large) <= FlattenedJws.MaxBodyBytes);
        Assert.True(Parse(large).Verify(Es256.PublicKey));

        var body = Encoding.UTF8.GetBytes(Signed(Es256, KidHeader()).PadRight(FlattenedJws.MaxBodyBytes + 1));
        var problem = Problem(() => FlattenedJws.Parse(body));
        Assert.Equal(AcmeErrorType.Malformed, problem.Type);
        Assert.Equal(413, problem.Status);
        Assert.NotNull(FlattenedJws.Parse(body.AsMemory(0, FlattenedJws.MaxBodyBytes)));
    }

    [Fact]
    public void Inner_jwss_must_not_have_a_nonce_and_may_be_maced()
    {
        var withNonce = Signed(Es256, $$"""{"alg":"ES256","jwk":{{JwkOf(Es256)}},"nonce":"{{Nonce}}","url":"{{Url}}"}""");
        var problem = Problem(() => FlattenedJws.ParseInner(Encoding.UTF8.GetBytes(withNonce)));
        Assert.Equal(AcmeErrorType.Malformed, problem.Type);
        Assert.Contains("'nonce'", problem.Detail, StringComparison.Ordinal);

        var inner = FlattenedJws.ParseInner(Encoding.UTF8.GetBytes(Signed(Es256, $$"""{"alg":"ES256","jwk":{{JwkOf(Es256)}},"url":"{{Url}}"}""")));
        Assert.Null(inner.Nonce);
        Assert.True(inner.Verify(inner.Jwk!));

        using var doc = JsonDocument.Parse(Signed(Es256, $$"""{"alg":"HS256","kid":"eab-1","url":"{{Url}}"}"""));
        var mac = FlattenedJws.ParseInner(doc.RootElement);
        Assert.True(mac.IsMac);
        Assert.Equal("eab-1", mac.Kid);

        Assert.Equal(AcmeErrorType.BadSignatureAlgorithm, Problem(() => FlattenedJws.ParseInner(Encoding.UTF8.GetBytes(Signed(Es256, $$"""{"alg":"none","kid":"k","url":"{{Url}}"}""")))).Type);
        Assert.Equal(AcmeErrorType.Malformed, Problem(() => FlattenedJws.ParseInner(doc.RootElement.GetProperty("protected"))).Type);
    }

    [Fact]
    public void Outer_jwss_may_not_be_maced_even_though_inner_ones_may()
    {
        var problem = ParseProblem(Signed(Es256, KidHeader("HS256")));
        Assert.Equal(AcmeErrorType.BadSignatureAlgorithm, problem.Type);
        Assert.Contains("MAC", problem.Detail, StringComparison.Ordinal);
    }
}
