using System.Security.Cryptography;

namespace TnAcme.Crypto;

/// <summary>One implementation's key object behind an <see cref="EcdsaPublicKey"/>. Thread-safe for concurrent verification.</summary>
internal abstract class EcdsaVerifierCore : IDisposable
{
    /// <summary>
    /// Verifies a signature over <paramref name="digest"/>. <see cref="EcdsaPublicKey"/> has already checked a P1363
    /// signature's length and that its r and s lie in [1, n − 1], and that a DER signature is not empty.
    /// </summary>
    public abstract bool VerifyHash(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, DSASignatureFormat format);

    public abstract void Dispose();
}
