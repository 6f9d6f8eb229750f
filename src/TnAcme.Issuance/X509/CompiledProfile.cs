using System.Formats.Asn1;
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

        X509KeyUsageFlags flags = KeyUsageNames.Parse(profile.KeyUsage);

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

        SubjectTemplate subject = profile.Subject;
        if (subject.Country is { } country)
        {
            CountryRdn = SingleRdn(X509Oids.Country, country);
        }

        if (subject.Organization is { Length: > 0 } organization && organization != "{organization}")
        {
            OrganizationRdn = SingleRdn(X509Oids.Organization, organization);
        }
    }

    /// <summary>The subjectKeyIdentifier extension up to its 20-byte key identifier: SEQUENCE { OID, OCTET STRING { OCTET STRING (20) } }.</summary>
    public static ReadOnlySpan<byte> SubjectKeyIdentifierExtensionPrefix =>
        [0x30, 0x1D, 0x06, 0x03, 0x55, 0x1D, 0x0E, 0x04, 0x16, 0x04, 0x14];

    public CertificateProfile Profile { get; }

    public byte[] IssuerNameDer { get; }

    public byte[] SignatureAlgorithmDer { get; }

    /// <summary>basicConstraints and keyUsage, before the per-certificate SKI.</summary>
    public IReadOnlyList<byte[]> LeadingExtensions { get; }

    /// <summary>AKI, certificate policies, CRL DP, after the SKI.</summary>
    public IReadOnlyList<byte[]> MiddleExtensions { get; }

    /// <summary>noRevAvail, last.</summary>
    public byte[]? Trailer { get; }

    private static byte[] SingleRdn(string oid, string value)
    {
        byte[] name = DerBuilders.Name([(oid, value)]);
        AsnDecoder.ReadSequence(name, AsnEncodingRules.DER, out int offset, out int length, out _);
        return name.AsSpan(offset, length).ToArray();
    }

    /// <summary>The subject's C as one encoded RDN, when the profile sets one.</summary>
    internal byte[]? CountryRdn { get; }

    /// <summary>The subject's O as one encoded RDN, when the profile fixes it (rather than taking the subscriber's).</summary>
    internal byte[]? OrganizationRdn { get; }
}
