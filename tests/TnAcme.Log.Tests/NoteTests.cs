using TnAcme.Log.Notes;

namespace TnAcme.Log.Tests;

public sealed class NoteTests
{
    [Fact]
    public void Checkpoint_signs_parses_and_rejects_other_keys_and_edits()
    {
        NoteKey key = NoteKey.Generate("ca.example/log");
        byte[] root = new byte[32];
        root[0] = 7;
        var checkpoint = new Checkpoint("ca.example/log", 42, root, DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        string note = checkpoint.Sign(key);

        Assert.StartsWith("ca.example/log\n42\n" + Convert.ToBase64String(root) + "\ntime 1800000000\n\n\u2014 ca.example/log ", note, StringComparison.Ordinal);
        Checkpoint opened = Checkpoint.OpenSigned(note, NoteKey.ParseVerifierKey(key.VerifierKey));
        Assert.Equal(42, opened.TreeSize);
        Assert.Equal(root, opened.RootHash);
        Assert.Equal(checkpoint.Time, opened.Time);

        Assert.Throws<CheckpointSignatureException>(() => Checkpoint.OpenSigned(note, NoteKey.Generate("ca.example/log")));
        Assert.Throws<CheckpointSignatureException>(() => Checkpoint.OpenSigned(note.Replace("\n42\n", "\n43\n", StringComparison.Ordinal), key));
        Assert.Throws<FormatException>(() => Checkpoint.OpenSigned("ca.example/log\n42\n", key));
    }

    [Fact]
    public void Signer_and_verifier_keys_round_trip_and_check_their_id()
    {
        NoteKey key = NoteKey.Generate("ca.example/log");
        NoteKey again = NoteKey.ParseSignerKey(key.SignerKey);
        Assert.Equal(key.VerifierKey, again.VerifierKey);
        Assert.Matches("^ca\\.example/log\\+[0-9a-f]{8}\\+[A-Za-z0-9+/=]{44}$", key.VerifierKey);
        string[] parts = key.VerifierKey.Split('+', 3);
        Assert.Throws<FormatException>(() => NoteKey.ParseVerifierKey($"{parts[0]}+00000000+{parts[2]}"));
        Assert.Throws<FormatException>(() => NoteKey.ParseVerifierKey($"other.example/log+{parts[1]}+{parts[2]}"));
    }
}
