using System.Security.Cryptography;
using System.Text.Json;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Stir;
using static TnAcme.Acme.Tests.Jose.Bodies;

namespace TnAcme.Acme.Tests.Jose;

public class JsonWebKeyTests
{
    [Fact]
    public void Rfc7515_a3_key_has_the_rfc_thumbprint()
    {
        var key = JsonWebKey.Parse(Vectors.A3Jwk);
        Assert.Equal(Vectors.A3Thumbprint, key.ThumbprintBase64Url);
        Assert.Equal(Base64Url.Decode(Vectors.A3Thumbprint), key.Thumbprint());
        Assert.Equal(32, key.Thumbprint().Length);
        Assert.Equal(JsonWebKeyType.EC, key.KeyType);
        Assert.Equal("P-256", key.Curve);
        Assert.Equal(JwsAlgorithms.ES256, key.Algorithm);
        Assert.Equal($$"""{"crv":"P-256","kty":"EC","x":"{{Vectors.A3X}}","y":"{{Vectors.A3Y}}"}""", key.CanonicalJson);
    }

    [Fact]
    public void Rfc7638_rsa_example_has_the_rfc_thumbprint_and_its_extra_members_are_ignored()
    {
        var key = JsonWebKey.Parse(Vectors.Rfc7638Jwk);
        Assert.Equal(Vectors.Rfc7638Thumbprint, key.ThumbprintBase64Url);
        Assert.Equal(JsonWebKeyType.RSA, key.KeyType);
        Assert.Equal(2048, key.KeySizeBits);
        Assert.Equal($$"""{"e":"AQAB","kty":"RSA","n":"{{Vectors.Rfc7638N}}"}""", key.CanonicalJson);
    }

    [Fact]
    public void Rfc8037_ed25519_key_has_the_rfc_thumbprint()
    {
        var key = JsonWebKey.Parse($$"""{"kty":"OKP","crv":"Ed25519","x":"{{Vectors.Ed25519X}}"}""");
        Assert.Equal(Vectors.Ed25519Thumbprint, key.ThumbprintBase64Url);
        Assert.Equal(JwsAlgorithms.EdDSA, key.Algorithm);
        Assert.Equal($$"""{"crv":"Ed25519","kty":"OKP","x":"{{Vectors.Ed25519X}}"}""", key.CanonicalJson);
    }

    [Fact]
    public void Same_key_in_any_member_order_with_extra_members_is_equal()
    {
        var a = JsonWebKey.Parse(Vectors.A3Jwk);
        var b = JsonWebKey.Parse($$""" { "y" : "{{Vectors.A3Y}}", "kid":"k1", "use":"sig", "alg":"ES256", "key_ops":["verify"], "x":"{{Vectors.A3X}}", "kty":"EC", "crv":"P-256" } """);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, JsonWebKey.FromPublicKey(TestKeys.P256));
    }

    [Fact]
    public void Parse_from_json_element_equals_parse_from_text()
    {
        using var doc = JsonDocument.Parse($$"""{"jwk":{{Vectors.A3Jwk}}}""");
        Assert.Equal(JsonWebKey.Parse(Vectors.A3Jwk), JsonWebKey.Parse(doc.RootElement.GetProperty("jwk")));
        Assert.Equal(AcmeErrorType.Malformed, Problem(() => JsonWebKey.Parse(doc.RootElement.GetProperty("jwk").GetProperty("x"))).Type);
    }

    [Fact]
    public void From_public_key_round_trips_through_json()
    {
        foreach (var key in new[] { JsonWebKey.FromPublicKey(TestKeys.P256), JsonWebKey.FromPublicKey(TestKeys.P384), JsonWebKey.FromPublicKey(TestKeys.Rsa2048), TestKeys.Signer(JwsAlgorithms.EdDSA).PublicKey })
        {
            var parsed = JsonWebKey.Parse(key.ToJson());
            Assert.Equal(key, parsed);
            Assert.Equal(key.ThumbprintBase64Url, parsed.ThumbprintBase64Url);
        }

        Assert.Equal("P-384", JsonWebKey.FromPublicKey(TestKeys.P384).Curve);
        using var p521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        Assert.Equal(AcmeErrorType.BadPublicKey, Problem(() => JsonWebKey.FromPublicKey(p521)).Type);
    }

    [Fact]
    public void Curve_constants_are_the_curves_dotnet_knows()
    {
        foreach (var (curve, named) in new[] { (EcCurve.P256, ECCurve.NamedCurves.nistP256), (EcCurve.P384, ECCurve.NamedCurves.nistP384) })
        {
            using var key = ECDsa.Create(named);
            var explicitParameters = key.ExportExplicitParameters(false);
            Assert.Equal(new System.Numerics.BigInteger(explicitParameters.Curve.Prime, isUnsigned: true, isBigEndian: true), curve.Prime);
            Assert.Equal(new System.Numerics.BigInteger(explicitParameters.Curve.B, isUnsigned: true, isBigEndian: true), curve.B);
            Assert.Equal(curve.Prime - 3, new System.Numerics.BigInteger(explicitParameters.Curve.A, isUnsigned: true, isBigEndian: true));
            var q = key.ExportParameters(false).Q;
            Assert.True(curve.Contains(q.X, q.Y));
        }
    }

    public static TheoryData<string, string> Bad => new()
    {
        // syntax: malformed
        { "not json", AcmeErrorType.Malformed },
        { "[]", AcmeErrorType.Malformed },
        { """{"crv":"P-256","x":"AA","y":"AA"}""", AcmeErrorType.Malformed },
        { """{"kty":"EC","x":"AA","y":"AA"}""", AcmeErrorType.Malformed },
        { """{"kty":"EC","crv":"P-256","y":"AA"}""", AcmeErrorType.Malformed },
        { """{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"}""", AcmeErrorType.Malformed },
        { """{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU=","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}""", AcmeErrorType.Malformed },
        { """{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x/FEzRu9m36HLN/tue659LNpXW6pCyStikYjKIWI5a0"}""", AcmeErrorType.Malformed },
        { $$"""{"kty":"EC","crv":"P-256","x":"{{Base64Url.Encode(new byte[31])}}","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}""", AcmeErrorType.Malformed },
        { """{"kty":"EC","crv":"P-256","x":"AH_Nzid2wsRdQYPL5ub0bS3oBzM1e-nvG7rPbjx71URF","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}""", AcmeErrorType.Malformed },
        { """{"kty":"EC","crv":"P-256","x":1,"y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}""", AcmeErrorType.Malformed },
        { """{"kty":"EC","kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}""", AcmeErrorType.Malformed },
        { """{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"} x""", AcmeErrorType.Malformed },
        { """{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR"}""", AcmeErrorType.Malformed },
        { """{"kty":"OKP","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", AcmeErrorType.Malformed },
        { """{"kty":"RSA","e":"AQAB"}""", AcmeErrorType.Malformed },
        { """{"kty":"RSA","n":"AA0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB"}""", AcmeErrorType.Malformed },
        { """{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AAEAAQ"}""", AcmeErrorType.Malformed },

        // unsupported or weak keys: badPublicKey
        { """{"kty":"EC","crv":"P-521","x":"AA","y":"AA"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5b0"}""", AcmeErrorType.BadPublicKey },
        { $$"""{"kty":"EC","crv":"P-256","x":"{{Base64Url.Encode(Enumerable.Repeat((byte)0xFF, 32).ToArray())}}","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","alg":"ES384"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","use":"enc"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"OKP","crv":"X25519","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"OKP","crv":"Ed448","x":"AA"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"oct","k":"AAAA"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"oct"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"ec","crv":"P-256"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","p":"AQ"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQ"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAA"}""", AcmeErrorType.BadPublicKey },
        { """{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"PS256"}""", AcmeErrorType.BadPublicKey },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Bad_jwks_are_refused_with_the_right_problem(string json, string type)
    {
        var problem = Problem(() => JsonWebKey.Parse(json));
        Assert.Equal(type, problem.Type);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    [Fact]
    public void Rsa_keys_below_2048_and_above_4096_bits_are_bad_public_keys()
    {
        using var small = RSA.Create(1024);
        var json = JsonWebKey.FromPublicKey(TestKeys.Rsa2048).ToJson();
        var n = Base64Url.Encode(small.ExportParameters(false).Modulus!);
        var problem = Problem(() => JsonWebKey.Parse($$"""{"kty":"RSA","n":"{{n}}","e":"AQAB"}"""));
        Assert.Equal(AcmeErrorType.BadPublicKey, problem.Type);
        Assert.Contains("1024 bits", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(AcmeErrorType.BadPublicKey, Problem(() => JsonWebKey.FromPublicKey(small)).Type);

        var huge = new byte[8192 / 8];
        huge[0] = 0xC0;
        huge[^1] = 1;
        Assert.Equal(AcmeErrorType.BadPublicKey, Problem(() => JsonWebKey.Parse($$"""{"kty":"RSA","n":"{{Base64Url.Encode(huge)}}","e":"AQAB"}""")).Type);
        Assert.NotNull(JsonWebKey.Parse(json));
    }

    [Fact]
    public void An_ed25519_x_that_is_no_curve_point_is_a_bad_public_key()
    {
        // y = 2 has no x on edwards25519 (u/v is not a square), so this is no encoding of a point.
        var x = new byte[32];
        x[0] = 2;
        var problem = Problem(() => JsonWebKey.Parse($$"""{"kty":"OKP","crv":"Ed25519","x":"{{Base64Url.Encode(x)}}"}"""));
        Assert.Equal(AcmeErrorType.BadPublicKey, problem.Type);
    }

    [Fact]
    public void Verify_refuses_an_algorithm_that_does_not_fit_the_key()
    {
        var key = JsonWebKey.FromPublicKey(TestKeys.P256);
        foreach (var alg in new[] { "ES384", "RS256", "EdDSA", "HS256", "none", "ES512" })
        {
            var problem = Problem(() => key.Verify(alg, [1, 2, 3], new byte[64]));
            Assert.Equal(AcmeErrorType.BadSignatureAlgorithm, problem.Type);
            Assert.Equal(JwsAlgorithms.Supported, problem.Algorithms);
        }
    }

    [Fact]
    public void Verify_is_false_for_signatures_of_the_wrong_length()
    {
        var signer = TestKeys.Signer(JwsAlgorithms.ES256);
        byte[] input = [1, 2, 3];
        var signature = signer.CreateSignature(input);
        Assert.True(signer.PublicKey.Verify("ES256", input, signature));
        Assert.False(signer.PublicKey.Verify("ES256", input, signature.AsSpan(0, 63)));
        Assert.False(signer.PublicKey.Verify("ES256", input, [.. signature, 0]));
        Assert.False(signer.PublicKey.Verify("ES256", input, []));
    }

    [Fact]
    public void A_disposed_key_refuses_to_verify()
    {
        var key = JsonWebKey.FromPublicKey(TestKeys.P256);
        var input = new byte[] { 1 };
        Assert.True(key.Verify("ES256", input, TestKeys.P256.SignData(input, HashAlgorithmName.SHA256)));
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Verify("ES256", input, new byte[64]));
    }

    [Fact]
    public void One_key_verifies_from_many_threads_at_once()
    {
        foreach (var alg in TestKeys.Algorithms)
        {
            var signer = TestKeys.Signer(alg);
            var key = JsonWebKey.Parse(signer.PublicKey.ToJson());
            var inputs = Enumerable.Range(0, 64).Select(i => BitConverter.GetBytes(i)).ToArray();
            var signatures = inputs.Select(i => signer.CreateSignature(i)).ToArray();
            int failures = 0;
            Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                int k = i % inputs.Length;
                bool good = key.Verify(alg, inputs[k], signatures[k]);
                bool bad = key.Verify(alg, inputs[(k + 1) % inputs.Length], signatures[k]);
                if (!good || bad)
                {
                    Interlocked.Increment(ref failures);
                }
            });
            Assert.Equal(0, failures);
        }
    }
}
