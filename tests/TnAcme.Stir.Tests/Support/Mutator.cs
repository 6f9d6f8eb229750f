namespace TnAcme.Stir.Tests.Support;

/// <summary>Deterministic random inputs and mutations of valid encodings, for the fuzz tests.</summary>
internal sealed class Mutator(int seed)
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x02, 0x0C, 0x16, 0x30, 0x31, 0x36, 0x7F, 0x80, 0x81, 0x82, 0x84, 0xA0, 0xA1, 0xA2, 0xA3, 0xFF];
    private const string Base64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=";
    private const string OddChars = " \t\n\0.é\uFF10\uD800€";

    private readonly Random _rng = new(seed);

    public byte[] RandomBytes(int maxLength)
    {
        byte[] bytes = new byte[_rng.Next(maxLength + 1)];
        _rng.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Random contents behind a plausible header: a tag the decoders expect and a matching length.</summary>
    public byte[] RandomFramed(int maxLength)
    {
        byte[] body = RandomBytes(Math.Min(maxLength, 127));
        for (int i = 0; i < body.Length; i++)
        {
            if (_rng.Next(3) == 0)
            {
                body[i] = Interesting[_rng.Next(Interesting.Length)];
            }
        }

        return [0x30, (byte)body.Length, .. body];
    }

    public byte[] Mutate(byte[] seed, IReadOnlyList<byte[]> donors)
    {
        var bytes = new List<byte>(seed);
        int edits = 1 + _rng.Next(3);
        for (int e = 0; e < edits; e++)
        {
            int at = _rng.Next(bytes.Count + 1);
            switch (_rng.Next(8))
            {
                case 0 when at < bytes.Count:
                    bytes[at] ^= (byte)(1 << _rng.Next(8));
                    break;
                case 1 when at < bytes.Count:
                    bytes[at] = (byte)_rng.Next(256);
                    break;
                case 2:
                    bytes.Insert(at, (byte)_rng.Next(256));
                    break;
                case 3 when at < bytes.Count:
                    bytes.RemoveAt(at);
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5 when at < bytes.Count:
                    bytes[at] = Interesting[_rng.Next(Interesting.Length)];
                    break;
                case 6 when at < bytes.Count:
                    // Duplicate a slice in place (repeated members, doubled entries).
                    int length = _rng.Next(1, bytes.Count - at + 1);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 7:
                    // Splice in a slice of another valid encoding.
                    byte[] donor = donors[_rng.Next(donors.Count)];
                    int from = _rng.Next(donor.Length);
                    bytes.InsertRange(at, donor[from..(from + _rng.Next(donor.Length - from + 1))]);
                    break;
                default:
                    bytes[_rng.Next(bytes.Count)] ^= 0x01;
                    break;
            }

            if (bytes.Count == 0)
            {
                break;
            }
        }

        return [.. bytes];
    }

    public string RandomText(int maxLength)
    {
        char[] chars = new char[_rng.Next(maxLength + 1)];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = _rng.Next(40) == 0 ? OddChars[_rng.Next(OddChars.Length)] : Base64Chars[_rng.Next(Base64Chars.Length)];
        }

        return new string(chars);
    }

    public string MutateText(string seed)
    {
        var chars = new List<char>(seed);
        int edits = 1 + _rng.Next(2);
        for (int e = 0; e < edits; e++)
        {
            int at = _rng.Next(chars.Count + 1);
            char c = _rng.Next(10) == 0 ? OddChars[_rng.Next(OddChars.Length)] : Base64Chars[_rng.Next(Base64Chars.Length)];
            switch (_rng.Next(4))
            {
                case 0 when at < chars.Count:
                    chars[at] = c;
                    break;
                case 1:
                    chars.Insert(at, c);
                    break;
                case 2 when at < chars.Count:
                    chars.RemoveAt(at);
                    break;
                default:
                    chars.Add('=');
                    break;
            }
        }

        return new string([.. chars]);
    }
}
