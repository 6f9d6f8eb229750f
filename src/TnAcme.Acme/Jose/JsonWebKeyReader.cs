using System.Text.Json;
using TnAcme.Stir;

namespace TnAcme.Acme.Jose;

/// <summary>
/// Reads a public JWK with <see cref="Utf8JsonReader"/>: the members of its <c>kty</c> must be present
/// strings of strict base64url; private members are refused; <c>alg</c> and <c>use</c>, when present,
/// must agree with the key; other members are ignored (RFC 7517 §4).
/// </summary>
internal static class JsonWebKeyReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16 };

    public static JsonWebKey Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return ReadCore(utf8Json);
        }
        catch (JsonException e)
        {
            throw JoseProblems.Malformed($"the JWK is not well-formed JSON ({e.Message})");
        }
        catch (InvalidOperationException)
        {
            throw JoseProblems.Malformed("the JWK is not well-formed JSON (invalid string)");
        }
    }

    private static JsonWebKey ReadCore(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw JoseProblems.Malformed("the JWK must be a JSON object");
        }

        string? kty = null, crv = null, x = null, y = null, n = null, e = null, alg = null, use = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("kty"u8))
            {
                ReadString(ref reader, "kty", ref kty);
            }
            else if (reader.ValueTextEquals("crv"u8))
            {
                ReadString(ref reader, "crv", ref crv);
            }
            else if (reader.ValueTextEquals("x"u8))
            {
                ReadString(ref reader, "x", ref x);
            }
            else if (reader.ValueTextEquals("y"u8))
            {
                ReadString(ref reader, "y", ref y);
            }
            else if (reader.ValueTextEquals("n"u8))
            {
                ReadString(ref reader, "n", ref n);
            }
            else if (reader.ValueTextEquals("e"u8))
            {
                ReadString(ref reader, "e", ref e);
            }
            else if (reader.ValueTextEquals("alg"u8))
            {
                ReadString(ref reader, "alg", ref alg);
            }
            else if (reader.ValueTextEquals("use"u8))
            {
                ReadString(ref reader, "use", ref use);
            }
            else if (PrivateMember(ref reader) is { } name)
            {
                throw JoseProblems.BadPublicKey($"the JWK contains the private key member '{name}': send only the public key");
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw JoseProblems.Malformed("the JWK is not a single JSON object");
        }

        var key = kty switch
        {
            null => throw JoseProblems.Malformed("the JWK has no 'kty'"),
            "EC" => JsonWebKey.CreateEc(
                EcCurve.FromName(crv) ?? throw UnsupportedCurve("EC", crv, "P-256, P-384"),
                Decode("x", x),
                Decode("y", y)),
            "OKP" => crv == "Ed25519"
                ? JsonWebKey.CreateEd25519(Decode("x", x))
                : throw UnsupportedCurve("OKP", crv, "Ed25519"),
            "RSA" => JsonWebKey.CreateRsa(Decode("n", n), Decode("e", e)),
            "oct" => throw JoseProblems.BadPublicKey("a symmetric ('oct') key cannot authenticate ACME requests"),
            _ => throw JoseProblems.BadPublicKey($"unsupported JWK key type {JoseProblems.Quote(kty)}; supported: EC, OKP, RSA"),
        };

        if (alg is not null && alg != key.Algorithm)
        {
            throw JoseProblems.BadPublicKey($"the JWK's 'alg' {JoseProblems.Quote(alg)} does not fit the key, which signs with {key.Algorithm}");
        }

        if (use is not null && use != "sig")
        {
            throw JoseProblems.BadPublicKey($"the JWK's 'use' is {JoseProblems.Quote(use)}, not 'sig'");
        }

        return key;
    }

    private static void ReadString(ref Utf8JsonReader reader, string name, ref string? slot)
    {
        if (slot is not null)
        {
            throw JoseProblems.Malformed($"the JWK has member '{name}' twice");
        }

        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            throw JoseProblems.Malformed($"the JWK member '{name}' must be a string");
        }

        slot = reader.GetString()!;
    }

    private static string? PrivateMember(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("d"u8) ? "d"
        : reader.ValueTextEquals("p"u8) ? "p"
        : reader.ValueTextEquals("q"u8) ? "q"
        : reader.ValueTextEquals("dp"u8) ? "dp"
        : reader.ValueTextEquals("dq"u8) ? "dq"
        : reader.ValueTextEquals("qi"u8) ? "qi"
        : reader.ValueTextEquals("oth"u8) ? "oth"
        : reader.ValueTextEquals("k"u8) ? "k"
        : null;

    private static byte[] Decode(string name, string? value)
    {
        if (value is null)
        {
            throw JoseProblems.Malformed($"the JWK has no '{name}'");
        }

        if (!Base64Url.TryDecode(value, out var bytes))
        {
            throw JoseProblems.Malformed($"the JWK '{name}' is not base64url without padding (RFC 8555 §6.1)");
        }

        return bytes!;
    }

    private static Problems.AcmeProblemException UnsupportedCurve(string kty, string? crv, string supported) =>
        crv is null
            ? JoseProblems.Malformed($"the {kty} JWK has no 'crv'")
            : JoseProblems.BadPublicKey($"unsupported {kty} curve {JoseProblems.Quote(crv)}; supported: {supported}");
}
