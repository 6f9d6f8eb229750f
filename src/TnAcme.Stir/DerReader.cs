using System.Numerics;
using System.Text;

namespace TnAcme.Stir;

/// <summary>
/// A strict DER reader for the few shapes STIR needs. Written by hand, not with AsnReader, so that every
/// malformation maps to a precise <see cref="StirDecodeError"/> and nothing hostile can escape as another
/// exception type.
/// </summary>
internal ref struct DerReader
{
    private const int MaxLength = 1 << 20;
    private ReadOnlySpan<byte> _data;

    public DerReader(ReadOnlySpan<byte> data) => _data = data;

    public readonly bool HasData => !_data.IsEmpty;

    public readonly byte PeekTag()
    {
        if (_data.IsEmpty)
        {
            throw Fail(StirDecodeError.Truncated, "expected another element but the input ended");
        }

        return _data[0];
    }

    public readonly void ThrowIfNotEmpty(string what)
    {
        if (!_data.IsEmpty)
        {
            throw Fail(StirDecodeError.TrailingData, $"{_data.Length} unexpected byte(s) after {what}");
        }
    }

    /// <summary>Reads one TLV with the expected tag and returns its contents.</summary>
    public ReadOnlySpan<byte> ReadTagged(byte expectedTag, string what)
    {
        if (_data.IsEmpty)
        {
            throw Fail(StirDecodeError.Truncated, $"input ended where {what} was expected");
        }

        byte tag = _data[0];
        if ((tag & 0x1F) == 0x1F)
        {
            throw Fail(StirDecodeError.UnexpectedTag, $"multi-byte tag where {what} was expected");
        }

        if (tag != expectedTag)
        {
            throw Fail(StirDecodeError.UnexpectedTag, $"tag 0x{tag:X2} where {what} (tag 0x{expectedTag:X2}) was expected");
        }

        if (_data.Length < 2)
        {
            throw Fail(StirDecodeError.Truncated, $"{what} has no length");
        }

        int offset = 2;
        int length;
        byte first = _data[1];
        if (first < 0x80)
        {
            length = first;
        }
        else if (first == 0x80)
        {
            throw Fail(StirDecodeError.IndefiniteLength, $"{what} uses an indefinite length (BER, not DER)");
        }
        else
        {
            int lengthBytes = first & 0x7F;
            if (lengthBytes > 4)
            {
                throw Fail(StirDecodeError.LengthTooLarge, $"{what} declares a {lengthBytes}-byte length");
            }

            if (_data.Length < 2 + lengthBytes)
            {
                throw Fail(StirDecodeError.Truncated, $"{what} length is truncated");
            }

            if (_data[2] == 0)
            {
                throw Fail(StirDecodeError.NonMinimalLength, $"{what} length has a leading zero byte");
            }

            long value = 0;
            for (int i = 0; i < lengthBytes; i++)
            {
                value = (value << 8) | _data[2 + i];
            }

            if (value < 0x80)
            {
                throw Fail(StirDecodeError.NonMinimalLength, $"{what} length {value} should use the short form");
            }

            if (value > MaxLength)
            {
                throw Fail(StirDecodeError.LengthTooLarge, $"{what} declares {value} bytes");
            }

            length = (int)value;
            offset += lengthBytes;
        }

        if (_data.Length - offset < length)
        {
            throw Fail(StirDecodeError.Truncated, $"{what} declares {length} bytes but only {_data.Length - offset} remain");
        }

        ReadOnlySpan<byte> contents = _data.Slice(offset, length);
        _data = _data[(offset + length)..];
        return contents;
    }

    public string ReadIA5String(string what)
    {
        ReadOnlySpan<byte> contents = ReadTagged(Asn1Tags.IA5String, what);
        foreach (byte b in contents)
        {
            if (b >= 0x80)
            {
                throw Fail(StirDecodeError.InvalidString, $"{what} holds a non-ASCII byte 0x{b:X2}");
            }
        }

        return Encoding.ASCII.GetString(contents);
    }

    public string ReadUtf8String(string what)
    {
        ReadOnlySpan<byte> contents = ReadTagged(Asn1Tags.Utf8String, what);
        try
        {
            return StrictUtf8.GetString(contents);
        }
        catch (DecoderFallbackException)
        {
            throw Fail(StirDecodeError.InvalidString, $"{what} is not valid UTF-8");
        }
    }

    public BigInteger ReadInteger(string what)
    {
        ReadOnlySpan<byte> contents = ReadTagged(Asn1Tags.Integer, what);
        if (contents.IsEmpty)
        {
            throw Fail(StirDecodeError.InvalidInteger, $"{what} is an empty INTEGER");
        }

        if (contents.Length > 1 &&
            ((contents[0] == 0x00 && (contents[1] & 0x80) == 0) || (contents[0] == 0xFF && (contents[1] & 0x80) != 0)))
        {
            throw Fail(StirDecodeError.NonDerEncoding, $"{what} INTEGER is not minimally encoded");
        }

        if (contents.Length > 64)
        {
            throw Fail(StirDecodeError.InvalidInteger, $"{what} INTEGER is {contents.Length} bytes long");
        }

        return new BigInteger(contents, isUnsigned: false, isBigEndian: true);
    }

    internal static StirDecodeException Fail(StirDecodeError error, string message) => new(error, message);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}

internal static class Asn1Tags
{
    public const byte Integer = 0x02;
    public const byte Null = 0x05;
    public const byte Utf8String = 0x0C;
    public const byte IA5String = 0x16;
    public const byte Sequence = 0x30;
    public const byte ContextConstructed0 = 0xA0;
    public const byte ContextConstructed1 = 0xA1;
    public const byte ContextConstructed2 = 0xA2;
}
