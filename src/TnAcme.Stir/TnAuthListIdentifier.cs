namespace TnAcme.Stir;

/// <summary>
/// The ACME "TNAuthList" identifier value (RFC 9448 §3): base64url of the DER TNAuthList, no padding.
/// Real SPC tokens (the STI-PA's <c>tkvalue</c>) carry padded standard base64, so comparisons can also be
/// made tolerantly, by decoded DER.
/// </summary>
public static class TnAuthListIdentifier
{
    public const string IdentifierType = "TNAuthList";

    public static string Encode(TnAuthList list) => Base64Url.Encode(list.Der);

    /// <summary>Strict decoding of an ACME identifier value.</summary>
    public static TnAuthList Decode(string value) => TnAuthList.Decode(Base64Url.Decode(value));

    /// <summary>Accepts base64url or standard base64, padded or not (the forms found in tokens).</summary>
    public static TnAuthList DecodeTolerant(string value) => TnAuthList.Decode(DecodeAnyBase64(value));

    /// <summary>True when both values decode to the same DER; false when either is not a valid TNAuthList.</summary>
    public static bool DerEquals(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        try
        {
            return DecodeTolerant(a).Equals(DecodeTolerant(b));
        }
        catch (StirDecodeException)
        {
            return false;
        }
    }

    public static byte[] DecodeAnyBase64(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string trimmed = value.TrimEnd('=');
        if (value.Length - trimmed.Length > 2)
        {
            throw new StirDecodeException(StirDecodeError.InvalidBase64, "too much base64 padding");
        }

        if (trimmed.Length != value.Length && value.Length % 4 != 0)
        {
            throw new StirDecodeException(StirDecodeError.InvalidBase64, "base64 padding does not complete a quantum");
        }

        bool standard = trimmed.AsSpan().IndexOfAny("+/") >= 0;
        bool url = trimmed.AsSpan().IndexOfAny("-_") >= 0;
        if (standard && url)
        {
            throw new StirDecodeException(StirDecodeError.InvalidBase64, "mixes the standard and URL-safe base64 alphabets");
        }

        string normalized = standard ? trimmed.Replace('+', '-').Replace('/', '_') : trimmed;
        return Base64Url.Decode(normalized);
    }
}
