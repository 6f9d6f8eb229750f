using System.Security.Cryptography;

namespace TnAcme.Issuance.Signing;

/// <summary>An ECDSA P-256 key held in process memory (development, or keys kept in an encrypted file).</summary>
public sealed class SoftwareSigner : ISigner
{
    private readonly ECDsa _key;

    public SoftwareSigner(ECDsa key)
    {
        if (key.KeySize != 256)
        {
            throw new ArgumentException("CA keys must be ECDSA P-256", nameof(key));
        }

        _key = key;
        SubjectPublicKeyInfoDer = key.ExportSubjectPublicKeyInfo();
    }

    public ReadOnlyMemory<byte> SignatureAlgorithmDer => EcdsaAlgorithms.EcdsaWithSha256Der;

    public ReadOnlyMemory<byte> SubjectPublicKeyInfoDer { get; }

    public static SoftwareSigner FromPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return new SoftwareSigner(key);
    }

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Sign(data.Span));

    /// <summary>The synchronous form, for hot loops where an await would be pure overhead.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) =>
        _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => _key.Dispose();
}
