using System.Text;

namespace TnAcme.Stir.Tests.Support;

/// <summary>
/// A tiny DER builder for hand-made test inputs: it only frames tag, definite minimal length and contents, so
/// hostile inputs can be written as structure instead of hex with hand-counted lengths.
/// </summary>
internal static class Der
{
    public static byte[] Tlv(byte tag, params byte[][] parts)
    {
        byte[] contents = [.. parts.SelectMany(p => p)];
        return [tag, .. Length(contents.Length), .. contents];
    }

    public static byte[] Length(int n) => n switch
    {
        < 0x80 => [(byte)n],
        <= 0xFF => [0x81, (byte)n],
        <= 0xFFFF => [0x82, (byte)(n >> 8), (byte)n],
        _ => [0x83, (byte)(n >> 16), (byte)(n >> 8), (byte)n],
    };

    public static byte[] Seq(params byte[][] parts) => Tlv(0x30, parts);

    public static byte[] Ctx(int number, params byte[][] parts) => Tlv((byte)(0xA0 + number), parts);

    /// <summary>IA5String whose bytes are the string's chars taken as Latin-1, so tests can smuggle any byte.</summary>
    public static byte[] Ia5(string s) => Tlv(0x16, Encoding.Latin1.GetBytes(s));

    public static byte[] Utf8(string s) => Tlv(0x0C, Encoding.UTF8.GetBytes(s));

    public static byte[] Int(params byte[] contents) => Tlv(0x02, contents);

    public static byte[] Spc(string code) => Ctx(0, Ia5(code));

    public static byte[] One(string number) => Ctx(2, Ia5(number));

    public static byte[] Range(string start, params byte[] countContents) => Ctx(1, Seq(Ia5(start), Int(countContents)));

    public static byte[] List(params byte[][] entries) => Seq(entries);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
