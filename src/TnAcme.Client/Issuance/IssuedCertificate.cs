using System.Security.Cryptography.X509Certificates;
using TnAcme.Client.Resources;

namespace TnAcme.Client.Issuance;

/// <summary>A certificate this client obtained: the chain as served, the private key it generated, and where it came from.</summary>
public sealed record IssuedCertificate
{
    public required CertificateOrderRequest Request { get; init; }

    public required string OrderUrl { get; init; }

    public required OrderResource Order { get; init; }

    public required string CertificateUrl { get; init; }

    /// <summary>application/pem-certificate-chain: end-entity first (RFC 8555 §9.1).</summary>
    public required string ChainPem { get; init; }

    /// <summary>The certificate's P-256 private key, PKCS#8 PEM. Store it 0600.</summary>
    public required string PrivateKeyPem { get; init; }

    /// <summary>Serial number of the end-entity certificate (hex).</summary>
    public required string Serial { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>The end-entity certificate; the caller disposes it.</summary>
    public X509Certificate2 LoadLeaf() => X509Certificate2.CreateFromPem(ChainPem);
}
