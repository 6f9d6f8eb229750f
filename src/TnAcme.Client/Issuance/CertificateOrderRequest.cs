using System.Security.Cryptography.X509Certificates;
using TnAcme.Stir;

namespace TnAcme.Client.Issuance;

/// <summary>What to order: one TNAuthList (the server takes one identifier per order), and how it should be certified.</summary>
public sealed record CertificateOrderRequest
{
    public required TnAuthList TnAuthList { get; init; }

    /// <summary>A profile the directory offers (<c>meta.profiles</c>); null lets the server choose by content.</summary>
    public string? Profile { get; init; }

    /// <summary>
    /// An RFC 9060 delegate CA certificate: the CSR asks for basicConstraints cA=TRUE, and the token must grant
    /// <c>"ca": true</c> (RFC 9448 §6 step 9). Usually with the server's delegate CA profile.
    /// </summary>
    public bool Ca { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>The subject O the CA copies into the certificate; SHAKEN certificates require one (ATIS-1000080).</summary>
    public string? Organization { get; init; }

    /// <summary>The ACME identifier value (RFC 9448 §3): base64url of the DER TNAuthList, no padding.</summary>
    public string IdentifierValue => TnAuthListIdentifier.Encode(TnAuthList);

    /// <summary>
    /// The request that renews <paramref name="certificate"/>: its TNAuthList extension, its basicConstraints cA and its
    /// subject O, with <paramref name="profile"/>. Validity is left to the CA, as for a first issuance.
    /// </summary>
    /// <exception cref="ArgumentException">The certificate carries no TNAuthList.</exception>
    public static CertificateOrderRequest RenewalOf(X509Certificate2 certificate, string? profile)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        X509Extension extension = certificate.Extensions[StirOids.TnAuthList]
            ?? throw new ArgumentException("the certificate has no TNAuthList extension (1.3.6.1.5.5.7.1.26)", nameof(certificate));
        string? organization = certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(rdn => !rdn.HasMultipleElements && rdn.GetSingleElementType().Value == "2.5.4.10")
            .Select(rdn => rdn.GetSingleElementValue())
            .FirstOrDefault();
        return new CertificateOrderRequest
        {
            TnAuthList = TnAuthList.Decode(extension.RawData),
            Profile = profile,
            Ca = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority),
            Organization = organization,
        };
    }
}
