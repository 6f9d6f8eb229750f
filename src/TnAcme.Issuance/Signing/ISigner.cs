namespace TnAcme.Issuance.Signing;

/// <summary>
/// The one seam through which a CA key signs: a software key, an HSM through PKCS#11, or whatever comes next.
/// Implementations sign with ECDSA P-256 / SHA-256 and return the signature in the X.509 form
/// (DER Ecdsa-Sig-Value), ready for a certificate's or CRL's signatureValue BIT STRING.
/// </summary>
public interface ISigner : IDisposable
{
    /// <summary>DER of the AlgorithmIdentifier placed in TBSCertificate.signature and Certificate.signatureAlgorithm.</summary>
    ReadOnlyMemory<byte> SignatureAlgorithmDer { get; }

    /// <summary>DER SubjectPublicKeyInfo of the signing key (for SKI/AKI and for checking it matches its certificate).</summary>
    ReadOnlyMemory<byte> SubjectPublicKeyInfoDer { get; }

    /// <summary>Signs <paramref name="data"/>: SHA-256 then ECDSA; result DER-encoded.</summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);
}
