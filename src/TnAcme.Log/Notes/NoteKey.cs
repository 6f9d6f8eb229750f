using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace TnAcme.Log.Notes;

/// <summary>
/// An Ed25519 note key (C2SP signed-note, signature type 0x01). Its text forms are the ones Go's sumdb/note and
/// the transparency-dev tools read: the signer key <c>PRIVATE+KEY+name+id+base64(0x01‖seed)</c> and the verifier
/// key <c>name+id+base64(0x01‖public key)</c>, where id is the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
/// </summary>
public sealed class NoteKey
{
    private const byte Ed25519Type = 0x01;
    private readonly Ed25519PrivateKeyParameters? _private;

    private NoteKey(string name, byte[] publicKey, Ed25519PrivateKeyParameters? privateKey)
    {
        CheckName(name);
        Name = name;
        PublicKey = publicKey;
        _private = privateKey;
        KeyId = ComputeKeyId(name, publicKey);
    }

    public string Name { get; }

    public byte[] PublicKey { get; }

    /// <summary>The 4-byte key ID, big-endian as it appears in signature lines.</summary>
    public uint KeyId { get; }

    public bool CanSign => _private is not null;

    /// <summary>The verifier key text an auditor pins.</summary>
    public string VerifierKey => $"{Name}+{KeyId:x8}+{Convert.ToBase64String([Ed25519Type, .. PublicKey])}";

    /// <summary>The signer key text (secret: only ever written to a 0600 file).</summary>
    public string SignerKey => _private is null
        ? throw new InvalidOperationException("a verifier key cannot sign")
        : $"PRIVATE+KEY+{Name}+{KeyId:x8}+{Convert.ToBase64String([Ed25519Type, .. _private.GetEncoded()])}";

    public static NoteKey Generate(string name)
    {
        var key = new Ed25519PrivateKeyParameters(RandomNumberGenerator.GetBytes(Ed25519PrivateKeyParameters.KeySize));
        return new NoteKey(name, key.GeneratePublicKey().GetEncoded(), key);
    }

    public static NoteKey ParseSignerKey(string text)
    {
        // Base64 may itself hold '+': split off the leading fields only.
        string[] parts = text.Trim().Split('+', 5);
        if (parts.Length != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY")
        {
            throw new FormatException("a signer key reads PRIVATE+KEY+name+id+key");
        }

        byte[] raw = Convert.FromBase64String(parts[4]);
        if (raw.Length != 1 + Ed25519PrivateKeyParameters.KeySize || raw[0] != Ed25519Type)
        {
            throw new FormatException("only Ed25519 (type 0x01) signer keys are supported");
        }

        var key = new Ed25519PrivateKeyParameters(raw, 1);
        var note = new NoteKey(parts[2], key.GeneratePublicKey().GetEncoded(), key);
        CheckId(note, parts[3]);
        return note;
    }

    public static NoteKey ParseVerifierKey(string text)
    {
        string[] parts = text.Trim().Split('+', 3);
        if (parts.Length != 3)
        {
            throw new FormatException("a verifier key reads name+id+key");
        }

        byte[] raw = Convert.FromBase64String(parts[2]);
        if (raw.Length != 1 + Ed25519PublicKeyParameters.KeySize || raw[0] != Ed25519Type)
        {
            throw new FormatException("only Ed25519 (type 0x01) verifier keys are supported");
        }

        var note = new NoteKey(parts[0], raw[1..], null);
        CheckId(note, parts[1]);
        return note;
    }

    public NoteKey Verifier() => new(Name, PublicKey, null);

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        if (_private is null)
        {
            throw new InvalidOperationException("a verifier key cannot sign");
        }

        var signer = new Ed25519Signer();
        signer.Init(true, _private);
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    public bool Verify(ReadOnlySpan<byte> message, byte[] signature)
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(PublicKey));
        verifier.BlockUpdate(message);
        return verifier.VerifySignature(signature);
    }

    public static uint ComputeKeyId(string name, ReadOnlySpan<byte> publicKey)
    {
        byte[] input = [.. Encoding.UTF8.GetBytes(name), 0x0A, Ed25519Type, .. publicKey];
        byte[] hash = SHA256.HashData(input);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    private static void CheckId(NoteKey key, string hex)
    {
        if (!uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint id) || id != key.KeyId)
        {
            throw new FormatException("the key id does not match the key name and public key");
        }
    }

    private static void CheckName(string name)
    {
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c)))
        {
            throw new FormatException("a note key name is non-empty and holds no spaces or '+'");
        }
    }
}
