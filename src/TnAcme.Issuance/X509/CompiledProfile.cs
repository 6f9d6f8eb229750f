using System.Security.Cryptography.X509Certificates;
using TnAcme.Issuance.Profiles;
using TnAcme.Stir;

namespace TnAcme.Issuance.X509;

/// <summary>
/// A profile bound to an issuer, with every extension that does not vary per certificate encoded once. Issuing a
/// certificate then writes only the serial, validity, subject, key, SKI and TNAuthList.
/// </summary>
public sealed class CompiledProfile
{
    public CompiledProfile(CertificateProfile profile, IssuingAuthority issuer)
    {
        Profile = profile;
        IssuerNameDer = issuer.SubjectNameDer;
        SignatureAlgorithmDer = issuer.Signer.SignatureAlgorithmDer.ToArray();

        var flags = X509KeyUsageFlags.None;
        foreach (string usage in profile.KeyUsage)
        {
            flags |= Enum.Parse<X509KeyUsageFlags>(usage, ignoreCase: true);
        }

        var before = new List<byte[]>
        {
            DerBuilders.Extension(X509Oids.BasicConstraints, critical: true, DerBuilders.BasicConstraintsValue(profile.IsCa, profile.PathLength)),
            DerBuilders.Extension(X509Oids.KeyUsage, critical: true, DerBuilders.KeyUsageValue(flags)),
        };
        var after = new List<byte[]>
        {
            DerBuilders.Extension(X509Oids.AuthorityKeyIdentifier, critical: false, DerBuilders.AuthorityKeyIdentifierValue(issuer.KeyIdentifier)),
        };
        if (profile.CertificatePolicies.Count > 0)
        {
            after.Add(DerBuilders.Extension(X509Oids.CertificatePolicies, critical: false, DerBuilders.CertificatePoliciesValue(profile.CertificatePolicies)));
        }

        if (profile.CrlDistributionPoint is { } dp)
        {
            byte[]? crlIssuer = dp.CrlIssuer is null ? null : new X500DistinguishedName(dp.CrlIssuer).RawData;
            after.Add(DerBuilders.Extension(X509Oids.CrlDistributionPoints, critical: false, DerBuilders.CrlDistributionPointsValue(dp.Url, crlIssuer)));
        }

        if (profile.NoRevAvail)
        {
            Trailer = DerBuilders.Extension(StirOids.NoRevAvail, critical: false, DerBuilders.NullValue);
        }

        LeadingExtensions = [.. before];
        MiddleExtensions = [.. after];
    }

    public CertificateProfile Profile { get; }

    public byte[] IssuerNameDer { get; }

    public byte[] SignatureAlgorithmDer { get; }

    /// <summary>basicConstraints and keyUsage, before the per-certificate SKI.</summary>
    public IReadOnlyList<byte[]> LeadingExtensions { get; }

    /// <summary>AKI, certificate policies, CRL DP, after the SKI.</summary>
    public IReadOnlyList<byte[]> MiddleExtensions { get; }

    /// <summary>noRevAvail, last.</summary>
    public byte[]? Trailer { get; }
}
