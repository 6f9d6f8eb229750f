namespace TnAcme.Crypto;

/// <summary>
/// The one public-point encoding accepted: uncompressed, 04 ‖ X ‖ Y (SEC 1 §2.3.3). Compressed and hybrid forms and
/// the point at infinity are refused here, before any library sees them: OpenSSL would decode them all, and decodes
/// 00 to the point at infinity without complaint.
/// </summary>
internal static class UncompressedPoint
{
    public const byte Tag = 0x04;

    /// <summary>Null when <paramref name="point"/> has the form and length of an uncompressed point of the curve; else why not.</summary>
    public static string? Check(EcdsaCurve curve, ReadOnlySpan<byte> point)
    {
        if (point.IsEmpty)
        {
            return "the public point is empty";
        }

        string? form = point[0] switch
        {
            Tag => null,
            0x00 => "the point at infinity is not a public key",
            0x02 or 0x03 => "compressed points are not accepted",
            0x06 or 0x07 => "hybrid point encodings are not accepted",
            _ => $"0x{point[0]:x2} is not a point encoding",
        };
        if (form is not null)
        {
            return form;
        }

        return point.Length == curve.UncompressedPointLength
            ? null
            : $"an uncompressed {curve.Name} point is {curve.UncompressedPointLength} octets, not {point.Length}";
    }

    /// <summary>Writes 04 ‖ X ‖ Y; the coordinates must have the curve's length.</summary>
    public static void Write(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, Span<byte> destination)
    {
        destination[0] = Tag;
        x.CopyTo(destination[1..]);
        y.CopyTo(destination[(1 + x.Length)..]);
    }

    public static ReadOnlySpan<byte> X(EcdsaCurve curve, ReadOnlySpan<byte> point) => point.Slice(1, curve.CoordinateLength);

    public static ReadOnlySpan<byte> Y(EcdsaCurve curve, ReadOnlySpan<byte> point) => point.Slice(1 + curve.CoordinateLength, curve.CoordinateLength);
}
