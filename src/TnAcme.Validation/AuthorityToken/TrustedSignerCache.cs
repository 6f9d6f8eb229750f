using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Crypto;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>
/// Signer chains already validated, by SHA-256 of their certificates' DER, with the signer's P-256 key.
/// A token authority signs every token with the same chain, and building the chain plus importing the key costs
/// several times the token's own signature check; the cached result holds only within the chain's validity window
/// and for a bounded time, so expiry and configuration changes still take effect. Thread-safe.
/// </summary>
internal sealed class TrustedSignerCache
{
    private const int MaxEntries = 64;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, TrustedSigner> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl;

    /// <param name="ttl">How long a validation is reused; zero disables the cache (e.g. with revocation checks on).</param>
    public TrustedSignerCache(TimeSpan ttl) => _ttl = ttl;

    public bool Enabled => _ttl > TimeSpan.Zero;

    public static string ChainKey(IReadOnlyList<byte[]> chain)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (byte[] der in chain)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, der.Length);
            hash.AppendData(length);
            hash.AppendData(der);
        }

        return Convert.ToBase64String(hash.GetHashAndReset());
    }

    public bool TryGet(string key, DateTimeOffset now, out TrustedSigner signer)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out TrustedSigner? found) && found.UsableAt(now))
            {
                signer = found;
                return true;
            }
        }

        signer = null!;
        return false;
    }

    /// <summary>Returns the entry to use: <paramref name="signer"/>, or one another thread cached first.</summary>
    public TrustedSigner Add(string key, TrustedSigner signer, DateTimeOffset now)
    {
        if (_ttl <= TimeSpan.Zero)
        {
            return signer;
        }

        signer.CachedUntil = now + _ttl;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out TrustedSigner? existing) && existing.UsableAt(now))
            {
                return existing;
            }

            if (_entries.Count >= MaxEntries)
            {
                // Dropped entries stay usable by requests and tokens still holding them: never disposed here.
                _entries.Clear();
            }

            _entries[key] = signer;
            return signer;
        }
    }
}

/// <summary>A token signer whose chain validated to a trust anchor, with its ES256 verification key.</summary>
internal sealed class TrustedSigner : IDisposable
{
    public TrustedSigner(X509Certificate2 certificate, EcdsaPublicKey key, string keyId, DateTimeOffset validFrom, DateTimeOffset validUntil)
    {
        Certificate = certificate;
        Key = key;
        KeyId = keyId;
        ValidFrom = validFrom;
        ValidUntil = validUntil;
    }

    /// <summary>The signer certificate (the chain's leaf); shared by the tokens it verified while cached.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Verification only: <see cref="EcdsaPublicKey"/> verifies on many threads at once.</summary>
    public EcdsaPublicKey Key { get; }

    /// <summary>base64url SHA-256 of the signer's SubjectPublicKeyInfo.</summary>
    public string KeyId { get; }

    /// <summary>The latest notBefore in the validated chain.</summary>
    public DateTimeOffset ValidFrom { get; }

    /// <summary>The earliest notAfter in the validated chain.</summary>
    public DateTimeOffset ValidUntil { get; }

    public DateTimeOffset CachedUntil { get; set; } = DateTimeOffset.MaxValue;

    public bool UsableAt(DateTimeOffset now) => now >= ValidFrom && now <= ValidUntil && now < CachedUntil;

    public void Dispose()
    {
        Key.Dispose();
        Certificate.Dispose();
    }
}
