namespace TnAcme.Stir;

/// <summary>RFC 4648 §5 base64url without padding, as ACME (RFC 8555 §6.1) and JOSE use it.</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    /// <summary>Strict: the URL-safe alphabet, no padding, no whitespace.</summary>
    public static byte[] Decode(string text)
    {
        if (!TryDecode(text, out byte[]? bytes))
        {
            throw new StirDecodeException(StirDecodeError.InvalidBase64, "not base64url without padding");
        }

        return bytes!;
    }

    public static bool TryDecode(string? text, out byte[]? bytes)
    {
        bytes = null;
        if (text is null || text.AsSpan().IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") >= 0)
        {
            return false;
        }

        // A length of 4n+1 cannot come from any byte string.
        if (text.Length % 4 == 1)
        {
            return false;
        }

        try
        {
            bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        // Reject non-canonical encodings (unused bits set), so one value has one spelling.
        if (System.Buffers.Text.Base64Url.EncodeToString(bytes) != text)
        {
            bytes = null;
            return false;
        }

        return true;
    }
}
