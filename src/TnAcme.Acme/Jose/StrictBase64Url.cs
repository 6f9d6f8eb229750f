using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace TnAcme.Acme.Jose;

/// <summary>
/// Span-based strict base64url decoding for the request hot path, with exactly the rules of
/// <see cref="TnAcme.Stir.Base64Url.TryDecode"/> (URL-safe alphabet only, no padding, no whitespace,
/// unused trailing bits zero, RFC 8555 §6.1); a property test holds the two to the same answers.
/// </summary>
internal static class StrictBase64Url
{
    private const string AlphabetText = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly SearchValues<byte> AlphabetUtf8 = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8);

    public static readonly SearchValues<char> Alphabet = SearchValues.Create(AlphabetText);

    public static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOfAnyExcept(AlphabetUtf8) >= 0)
        {
            return false;
        }

        return (utf8.Length % 4) switch
        {
            0 => true,
            1 => false,
            2 => (Sextet(utf8[^1]) & 0x0F) == 0,
            _ => (Sextet(utf8[^1]) & 0x03) == 0,
        };
    }

    public static bool IsValidText(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAnyExcept(Alphabet) >= 0)
        {
            return false;
        }

        return (text.Length % 4) switch
        {
            0 => true,
            1 => false,
            2 => (Sextet((byte)text[^1]) & 0x0F) == 0,
            _ => (Sextet((byte)text[^1]) & 0x03) == 0,
        };
    }

    public static bool TryDecode(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (!IsValid(utf8))
        {
            return false;
        }

        var result = new byte[(utf8.Length / 4 * 3) + ((utf8.Length % 4) switch { 2 => 1, 3 => 2, _ => 0 })];
        var status = System.Buffers.Text.Base64Url.DecodeFromUtf8(utf8, result, out _, out int written);
        if (status != OperationStatus.Done || written != result.Length)
        {
            return false;
        }

        bytes = result;
        return true;
    }

    private static int Sextet(byte c) => c switch
    {
        >= (byte)'A' and <= (byte)'Z' => c - 'A',
        >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
        (byte)'-' => 62,
        _ => 63,
    };
}
