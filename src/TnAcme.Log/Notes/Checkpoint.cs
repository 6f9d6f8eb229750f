using System.Globalization;

namespace TnAcme.Log.Notes;

/// <summary>
/// A C2SP tlog-checkpoint body: origin, tree size, base64 root hash, plus one extension line
/// <c>time &lt;unix seconds&gt;</c> so the signed statement says when the log made it (tools that do not know the
/// extension ignore it, as the spec asks).
/// </summary>
public sealed record Checkpoint(string Origin, long TreeSize, byte[] RootHash, DateTimeOffset Time)
{
    public string ToText() =>
        $"{Origin}\n{TreeSize.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\ntime {Time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}\n";

    public string Sign(NoteKey key) => SignedNote.Sign(ToText(), key);

    public static Checkpoint ParseText(string text)
    {
        string[] lines = text.TrimEnd('\n').Split('\n');
        if (lines.Length < 3 || lines[0].Length == 0)
        {
            throw new FormatException("a checkpoint has an origin, a tree size and a root hash line");
        }

        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out long size) || (lines[1].Length > 1 && lines[1][0] == '0'))
        {
            throw new FormatException("the tree size is a decimal number without leading zeros");
        }

        byte[] root = Convert.FromBase64String(lines[2]);
        if (root.Length != Merkle.MerkleHash.Size)
        {
            throw new FormatException("the root hash is 32 bytes");
        }

        DateTimeOffset time = DateTimeOffset.UnixEpoch;
        foreach (string line in lines.Skip(3))
        {
            if (line.StartsWith("time ", StringComparison.Ordinal) && long.TryParse(line[5..], NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
            {
                time = DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }

        return new Checkpoint(lines[0], size, root, time);
    }

    /// <summary>Parses a signed checkpoint and checks its signature and origin; throws if either fails.</summary>
    public static Checkpoint OpenSigned(string note, NoteKey key)
    {
        string text = SignedNote.Parse(note).VerifiedText(key)
            ?? throw new CheckpointSignatureException($"the checkpoint carries no valid signature by {key.Name} (key id {key.KeyId:x8})");
        Checkpoint checkpoint = ParseText(text);
        if (checkpoint.Origin != key.Name)
        {
            throw new CheckpointSignatureException($"the checkpoint's origin '{checkpoint.Origin}' is not the log key's name '{key.Name}'");
        }

        return checkpoint;
    }
}

public sealed class CheckpointSignatureException(string message) : Exception(message);
