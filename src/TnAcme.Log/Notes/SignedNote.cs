using System.Buffers.Binary;
using System.Text;

namespace TnAcme.Log.Notes;

/// <summary>
/// A C2SP signed note: text ending in a newline, a blank line, then signature lines
/// <c>— name base64(key id ‖ signature)</c>. The signature covers the text including its final newline.
/// </summary>
public sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    private const string SignaturePrefix = "\u2014 ";

    public static string Sign(string text, NoteKey key)
    {
        if (!text.EndsWith('\n') || text.Contains("\n\n", StringComparison.Ordinal))
        {
            throw new ArgumentException("note text ends in a newline and has no blank line", nameof(text));
        }

        byte[] signature = key.Sign(Encoding.UTF8.GetBytes(text));
        byte[] blob = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, key.KeyId);
        signature.CopyTo(blob, 4);
        return $"{text}\n{SignaturePrefix}{key.Name} {Convert.ToBase64String(blob)}\n";
    }

    /// <summary>Parses without verifying; <see cref="VerifiedText"/> is what a caller should trust.</summary>
    public static SignedNote Parse(string note)
    {
        if (note.Length > 1 << 20 || note.Any(c => c < 0x20 && c != '\n'))
        {
            throw new FormatException("a signed note is at most 1 MiB of text without control characters other than newline");
        }

        int split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            throw new FormatException("a signed note is text, a blank line and signature lines, each ending in a newline");
        }

        string text = note[..(split + 1)];
        var signatures = new List<NoteSignature>();
        foreach (string line in note[(split + 2)..^1].Split('\n'))
        {
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            {
                throw new FormatException("a signature line starts with an em dash and a space");
            }

            string[] parts = line[SignaturePrefix.Length..].Split(' ');
            byte[] blob;
            try
            {
                blob = parts.Length == 2 ? Convert.FromBase64String(parts[1]) : [];
            }
            catch (FormatException)
            {
                blob = [];
            }

            if (blob.Length < 5)
            {
                throw new FormatException("a signature line reads '— name base64(key id ‖ signature)'");
            }

            signatures.Add(new NoteSignature(parts[0], BinaryPrimitives.ReadUInt32BigEndian(blob), blob[4..]));
        }

        if (signatures.Count is 0 or > 100)
        {
            throw new FormatException("a signed note carries 1 to 100 signatures");
        }

        return new SignedNote(text, signatures);
    }

    /// <summary>
    /// The text, if a signature by <paramref name="key"/> (same name and key ID) verifies; otherwise null. As the
    /// spec requires, a failed signature from the known key rejects the note even if another line would pass.
    /// </summary>
    public string? VerifiedText(NoteKey key)
    {
        NoteSignature? mine = Signatures.FirstOrDefault(s => s.KeyName == key.Name && s.KeyId == key.KeyId);
        return mine is not null && key.Verify(Encoding.UTF8.GetBytes(Text), mine.Signature) ? Text : null;
    }
}

public sealed record NoteSignature(string KeyName, uint KeyId, byte[] Signature);
