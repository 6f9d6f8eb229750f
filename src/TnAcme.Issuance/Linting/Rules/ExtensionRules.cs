using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Issuance.Profiles;
using TnAcme.Issuance.X509;
using TnAcme.Stir;

namespace TnAcme.Issuance.Linting.Rules;

/// <summary>ATIS-1000080: STI certificates carry no extension the profile does not specify (so no EKU, no SAN).</summary>
public sealed class AllowedExtensionsRule : ILintRule
{
    public string Id => "e_extension_not_in_profile";

    public string? Check(LintContext c)
    {
        CertificateProfile p = c.Profile;
        IReadOnlyList<CertificateExtension> extensions = c.Tbs.Extensions;
        for (int i = 0; i < extensions.Count; i++)
        {
            if (!IsAllowed(extensions[i].Oid, p))
            {
                return $"extension {extensions[i].Oid} is not allowed by profile '{p.Name}'";
            }
        }

        return null;
    }

    /// <summary>Whether the profile specifies the extension: always the key ones and the TNAuthList, the rest as configured.</summary>
    private static bool IsAllowed(string oid, CertificateProfile p) => oid switch
    {
        X509Oids.BasicConstraints or X509Oids.KeyUsage or X509Oids.SubjectKeyIdentifier or X509Oids.AuthorityKeyIdentifier
            or StirOids.TnAuthList => true,
        X509Oids.CertificatePolicies => p.CertificatePolicies.Count > 0,
        X509Oids.CrlDistributionPoints => p.CrlDistributionPoint is not null,
        StirOids.NoRevAvail => p.NoRevAvail,
        StirOids.JwtClaimConstraints or StirOids.EnhancedJwtClaimConstraints => p.ClaimConstraints != ClaimConstraintsPolicy.Forbidden,
        _ => false,
    };
}

public sealed class BasicConstraintsRule : ILintRule
{
    public string Id => "e_basic_constraints";

    public string? Check(LintContext c)
    {
        CertificateExtension? ext = c.Tbs.Find(X509Oids.BasicConstraints);
        if (ext is null || !ext.Critical)
        {
            return "basicConstraints must be present and critical";
        }

        var (ca, pathLength) = ExtensionReaders.BasicConstraints(ext.Value);
        if (ca != c.Profile.IsCa)
        {
            return $"basicConstraints cA is {ca}, profile '{c.Profile.Name}' wants {c.Profile.IsCa}";
        }

        if (c.Profile.IsCa && c.Profile.PathLength is int len && pathLength != len)
        {
            return $"pathLenConstraint must be {len}";
        }

        return null;
    }
}

public sealed class KeyUsageRule : ILintRule
{
    public string Id => "e_key_usage";

    public string? Check(LintContext c)
    {
        CertificateExtension? ext = c.Tbs.Find(X509Oids.KeyUsage);
        if (ext is null || !ext.Critical)
        {
            return "keyUsage must be present and critical";
        }

        X509KeyUsageFlags actual = ExtensionReaders.KeyUsage(ext.Value);
        X509KeyUsageFlags wanted = KeyUsageNames.Parse(c.Profile.KeyUsage);
        if (actual != wanted)
        {
            return $"keyUsage is {actual}, profile '{c.Profile.Name}' wants exactly {wanted}";
        }

        return c.Profile.IsCa || wanted == X509KeyUsageFlags.DigitalSignature ? null : "end-entity keyUsage must be digitalSignature only";
    }
}

/// <summary>SKI present and equal to the SHA-1 of the key (ATIS v004); AKI present and naming the issuer's key.</summary>
public sealed class KeyIdentifiersRule : ILintRule
{
    public string Id => "e_key_identifiers";

    public string? Check(LintContext c)
    {
        CertificateExtension? ski = c.Tbs.Find(X509Oids.SubjectKeyIdentifier);
        if (ski is null)
        {
            return "subjectKeyIdentifier is missing";
        }

        Span<byte> keyId = stackalloc byte[DerBuilders.KeyIdentifierLength];
        DerBuilders.WriteKeyIdentifier(c.Tbs.SubjectPublicKeyInfoDer, keyId);
        Span<byte> expected = stackalloc byte[DerBuilders.KeyIdentifierLength + 2];
        int expectedLength = DerBuilders.WriteSubjectKeyIdentifierValue(keyId, expected);
        if (!ski.Value.AsSpan().SequenceEqual(expected[..expectedLength]))
        {
            return "subjectKeyIdentifier is not the SHA-1 of the subject public key";
        }

        CertificateExtension? aki = c.Tbs.Find(X509Oids.AuthorityKeyIdentifier);
        if (aki is null)
        {
            return "authorityKeyIdentifier is missing";
        }

        if (c.IssuerKeyIdentifier is { } issuerKeyId && !AkiNames(aki.Value, issuerKeyId))
        {
            return "authorityKeyIdentifier does not name the issuing CA's key";
        }

        return null;
    }

    /// <summary>Whether the AKI value is exactly <c>AuthorityKeyIdentifier { keyIdentifier [0] issuerKeyId }</c>.</summary>
    private static bool AkiNames(byte[] akiValue, byte[] issuerKeyId)
    {
        if (issuerKeyId.Length > 125)
        {
            return akiValue.AsSpan().SequenceEqual(DerBuilders.AuthorityKeyIdentifierValue(issuerKeyId));
        }

        Span<byte> expected = stackalloc byte[129];
        int length = DerBuilders.WriteAuthorityKeyIdentifierValue(issuerKeyId, expected);
        return akiValue.AsSpan().SequenceEqual(expected[..length]);
    }
}

public sealed class CertificatePoliciesRule : ILintRule
{
    public string Id => "e_certificate_policies";

    public string? Check(LintContext c)
    {
        CertificateExtension? ext = c.Tbs.Find(X509Oids.CertificatePolicies);
        if (c.Profile.CertificatePolicies.Count == 0)
        {
            return null;
        }

        if (ext is null || ext.Critical)
        {
            return "certificatePolicies must be present and non-critical";
        }

        var oids = new List<string>();
        AsnReader seq = new AsnReader(ext.Value, AsnEncodingRules.DER).ReadSequence();
        while (seq.HasData)
        {
            oids.Add(seq.ReadSequence().ReadObjectIdentifier());
        }

        return oids.SequenceEqual(c.Profile.CertificatePolicies)
            ? null
            : $"certificatePolicies holds [{string.Join(", ", oids)}], profile wants [{string.Join(", ", c.Profile.CertificatePolicies)}]";
    }
}

/// <summary>ATIS-1000080 §6.4.1: one DistributionPoint with the configured URL.</summary>
public sealed class CrlDistributionPointRule : ILintRule
{
    public string Id => "e_crl_distribution_point";

    public string? Check(LintContext c)
    {
        if (c.Profile.CrlDistributionPoint is not { } dp)
        {
            return null;
        }

        CertificateExtension? ext = c.Tbs.Find(X509Oids.CrlDistributionPoints);
        if (ext is null || ext.Critical)
        {
            return "cRLDistributionPoints must be present and non-critical";
        }

        AsnReader points = new AsnReader(ext.Value, AsnEncodingRules.DER).ReadSequence();
        points.ReadSequence();
        if (points.HasData)
        {
            return "cRLDistributionPoints must hold exactly one DistributionPoint";
        }

        return System.Text.Encoding.ASCII.GetString(ext.Value).Contains(dp.Url, StringComparison.Ordinal)
            ? null
            : $"cRLDistributionPoints does not point at {dp.Url}";
    }
}

/// <summary>RFC 9608: noRevAvail NULL, non-critical, never with a CRL DP, Freshest CRL, OCSP or cA.</summary>
public sealed class NoRevAvailRule : ILintRule
{
    /// <summary>The DER of OID id-ad-ocsp (1.3.6.1.5.5.7.48.1) as it appears in an AccessDescription.</summary>
    private static readonly byte[] OcspAccessMethodDer = [0x06, 0x08, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01];

    public string Id => "e_no_rev_avail";

    public string? Check(LintContext c)
    {
        CertificateExtension? ext = c.Tbs.Find(StirOids.NoRevAvail);
        if (ext is null)
        {
            return c.Profile.NoRevAvail ? $"profile '{c.Profile.Name}' publishes no revocation, so noRevAvail is required" : null;
        }

        if (ext.Critical)
        {
            return "noRevAvail must be non-critical (RFC 9608 §2)";
        }

        if (!ext.Value.AsSpan().SequenceEqual(DerBuilders.NullValue))
        {
            return "noRevAvail's value must be NULL";
        }

        if (c.Tbs.Find(X509Oids.CrlDistributionPoints) is not null || c.Tbs.Find(X509Oids.FreshestCrl) is not null)
        {
            return "noRevAvail excludes CRL distribution points and Freshest CRL (RFC 9608 §3)";
        }

        if (c.Tbs.Find(X509Oids.AuthorityInfoAccess) is { } aia && aia.Value.AsSpan().IndexOf(OcspAccessMethodDer) >= 0)
        {
            return "noRevAvail excludes an OCSP access method (RFC 9608 §3)";
        }

        return c.Profile.IsCa ? "noRevAvail must not appear in CA certificates (RFC 9608 §2)" : null;
    }
}
