using System.Text;
using FsCheck.Xunit;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Stir;

namespace TnAcme.Acme.Tests.Jose;

public class Base64UrlPropertyTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>Text mostly from the base64url alphabet, with the characters strict decoders must refuse mixed in.</summary>
    private static string Text(int[] picks)
    {
        const string Extra = "=+/ \n.\\é";
        var sb = new StringBuilder();
        foreach (var p in picks ?? [])
        {
            int i = Math.Abs(p % 80);
            sb.Append(i < 64 ? Alphabet[i] : Extra[i % Extra.Length]);
        }

        return sb.ToString();
    }

    [Property(MaxTest = 2000)]
    public void The_span_decoder_agrees_with_stir_on_any_text(int[] picks)
    {
        var text = Text(picks);
        bool stir = Base64Url.TryDecode(text, out var expected);
        bool span = StrictBase64Url.TryDecode(Encoding.UTF8.GetBytes(text), out var actual);
        Assert.Equal(stir, span);
        Assert.Equal(stir, StrictBase64Url.IsValidText(text));
        if (stir)
        {
            Assert.Equal(expected, actual);
        }
    }

    [Property(MaxTest = 500)]
    public void Any_bytes_round_trip_and_their_padded_spelling_is_refused(byte[] bytes)
    {
        bytes ??= [];
        var text = Base64Url.Encode(bytes);
        Assert.True(StrictBase64Url.TryDecode(Encoding.ASCII.GetBytes(text), out var decoded));
        Assert.Equal(bytes, decoded);
        if (text.Length % 4 != 0)
        {
            Assert.False(StrictBase64Url.TryDecode(Encoding.ASCII.GetBytes(text.PadRight((text.Length + 3) / 4 * 4, '=')), out _));
        }
    }

    [Property(MaxTest = 300)]
    public void Arbitrary_ec_coordinates_are_refused_as_off_curve_and_never_otherwise(byte[] seed)
    {
        // A random (x, y) is a curve point with probability ~2^-256: the check must say badPublicKey, not throw otherwise.
        var x = new byte[32];
        var y = new byte[32];
        (seed ?? []).AsSpan(0, Math.Min(32, seed?.Length ?? 0)).CopyTo(x);
        System.Security.Cryptography.SHA256.HashData(x, y);
        var json = $$"""{"kty":"EC","crv":"P-256","x":"{{Base64Url.Encode(x)}}","y":"{{Base64Url.Encode(y)}}"}""";
        var problem = Record.Exception(() => JsonWebKey.Parse(json));
        Assert.Equal(AcmeErrorType.BadPublicKey, Assert.IsType<AcmeProblemException>(problem).Problem.Type);
    }

    [Property(MaxTest = 20)]
    public void Generated_ec_keys_round_trip_through_their_jwk(bool p384)
    {
        using var key = System.Security.Cryptography.ECDsa.Create(p384
            ? System.Security.Cryptography.ECCurve.NamedCurves.nistP384
            : System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        var jwk = JsonWebKey.Parse(JsonWebKey.FromPublicKey(key).ToJson());
        using var doc = System.Text.Json.JsonDocument.Parse(jwk.CanonicalJson);
        Assert.Equal(q.X, Base64Url.Decode(doc.RootElement.GetProperty("x").GetString()!));
        Assert.Equal(q.Y, Base64Url.Decode(doc.RootElement.GetProperty("y").GetString()!));
    }
}
