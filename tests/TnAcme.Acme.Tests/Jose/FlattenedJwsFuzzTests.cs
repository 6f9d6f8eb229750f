using System.Text;
using FsCheck.Xunit;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Stir;
using static TnAcme.Acme.Tests.Jose.Bodies;

namespace TnAcme.Acme.Tests.Jose;

/// <summary>Hostile input: whatever the bytes, the only exception is an <see cref="AcmeProblemException"/>.</summary>
public class FlattenedJwsFuzzTests
{
    private static readonly JwsSigner Signer = TestKeys.Signer("ES256");
    private static readonly JsonWebKey Key = Signer.PublicKey;

    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "1e999", "-0", " ", "=", "+", "/", ".",
        "\"protected\"", "\"payload\"", "\"signature\"", "\"header\"", "\"signatures\"", "\"alg\"", "\"jwk\"", "\"kid\"",
        "\"nonce\"", "\"url\"", "\"crit\"", "\"b64\"", "\"kty\"", "\"crv\"", "\"x\"", "\"y\"", "\"d\"", "\"n\"", "\"e\"",
        "\"EC\"", "\"RSA\"", "\"OKP\"", "\"P-256\"", "\"ES256\"", "\"HS256\"", "\"none\"",
    ];

    /// <summary>Parses, then verifies with the embedded key and with the account key; anything else thrown fails the test.</summary>
    private static void ParseAndVerify(byte[] body, bool inner = false)
    {
        try
        {
            var jws = inner ? FlattenedJws.ParseInner(body) : FlattenedJws.Parse(body);
            if (jws.Jwk is not null)
            {
                jws.Verify(jws.Jwk);
            }

            if (!jws.IsMac)
            {
                jws.Verify(Key);
            }

            _ = jws.ProtectedHeaderRaw;
        }
        catch (AcmeProblemException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Problem.Detail));
        }
    }

    private static byte[] Mutate(byte[] input, Random random)
    {
        var bytes = new List<byte>(input);
        int edits = 1 + random.Next(4);
        for (int i = 0; i < edits && bytes.Count > 0; i++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(8)));
                    break;
                case 3:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    int from = random.Next(bytes.Count);
                    bytes.InsertRange(at, bytes.GetRange(from, Math.Min(bytes.Count - from, 1 + random.Next(16))));
                    break;
            }
        }

        return [.. bytes];
    }

    private static string[] Seeds() =>
    [
        Signer.Sign("{\"a\":[1,2,{\"b\":null}]}"u8, Url, Nonce),
        Signer.Sign([], Url, Nonce, AccountUrl),
        TestKeys.Signer("RS256").Sign("{}"u8, Url, Nonce),
        TestKeys.Signer("EdDSA").Sign("{}"u8, Url, Nonce),
        KeyChangeRequest.Create(TestKeys.Signer("ES384"), AccountUrl, Key, Url),
        ExternalAccountBinding.Create("kid-1", new byte[32], Url, Key),
    ];

    [Fact]
    public void Mutated_bodies_only_ever_raise_acme_problems()
    {
        var random = new Random(8555);
        foreach (var seed in Seeds())
        {
            var bytes = Encoding.UTF8.GetBytes(seed);
            for (int i = 0; i < 1500; i++)
            {
                var mutated = Mutate(bytes, random);
                ParseAndVerify(mutated);
                ParseAndVerify(mutated, inner: true);
            }
        }
    }

    [Fact]
    public void Mutated_protected_headers_and_payloads_only_ever_raise_acme_problems()
    {
        // Mutating inside the base64url layer reaches the header and JWK readers.
        var random = new Random(7515);
        var headers = new[]
        {
            $$"""{"alg":"ES256","jwk":{{Key.ToJson()}},"nonce":"{{Nonce}}","url":"{{Url}}"}""",
            $$"""{"alg":"RS256","jwk":{{TestKeys.Signer("RS256").PublicKey.ToJson()}},"nonce":"{{Nonce}}","url":"{{Url}}"}""",
            $$"""{"alg":"EdDSA","jwk":{{TestKeys.Signer("EdDSA").PublicKey.ToJson()}},"url":"{{Url}}"}""",
            KidHeader(),
        };
        foreach (var header in headers)
        {
            var headerBytes = Encoding.UTF8.GetBytes(header);
            for (int i = 0; i < 2000; i++)
            {
                var mutated = Mutate(headerBytes, random);
                var body = Serialize(Base64Url.Encode(mutated), B64("{}"), Base64Url.Encode(new byte[64]));
                ParseAndVerify(Encoding.UTF8.GetBytes(body));
                ParseAndVerify(Encoding.UTF8.GetBytes(body), inner: true);
            }
        }
    }

    [Fact]
    public void Mutated_key_change_and_binding_payloads_only_ever_raise_acme_problems()
    {
        var random = new Random(7638);
        var inner = Encoding.UTF8.GetBytes(KeyChangeRequest.Create(TestKeys.Signer("EdDSA"), AccountUrl, Key, Url));
        var binding = Encoding.UTF8.GetBytes(ExternalAccountBinding.Create("kid-1", new byte[32], Url, Key));
        for (int i = 0; i < 1500; i++)
        {
            var outer = FlattenedJws.Parse(Encoding.UTF8.GetBytes(Signer.Sign(Mutate(inner, random), Url, Nonce, AccountUrl)));
            var problem = Record.Exception(() => KeyChangeRequest.Verify(outer, Key));
            Assert.True(problem is null or AcmeProblemException, problem?.ToString());

            var eab = Mutate(binding, random);
            problem = Record.Exception(() =>
            {
                using var doc = System.Text.Json.JsonDocument.Parse(eab);
                ExternalAccountBinding.Verify(doc.RootElement, Url, Key, kid => kid == "kid-1" ? new byte[32] : null);
            });
            Assert.True(problem is null or AcmeProblemException or System.Text.Json.JsonException, problem?.ToString());
        }
    }

    [Property(MaxTest = 1000)]
    public void Arbitrary_bytes_only_ever_raise_acme_problems(byte[] body)
    {
        ParseAndVerify(body ?? []);
        ParseAndVerify(body ?? [], inner: true);
    }

    [Property(MaxTest = 1000)]
    public void Arbitrary_header_bytes_only_ever_raise_acme_problems(byte[] header)
    {
        var body = Serialize(Base64Url.Encode(header ?? []), "", "AAAA");
        ParseAndVerify(Encoding.UTF8.GetBytes(body));
    }
}
