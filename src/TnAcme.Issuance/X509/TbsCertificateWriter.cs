using System.Formats.Asn1;
using System.Globalization;
using TnAcme.Issuance.Profiles;
using TnAcme.Stir;

namespace TnAcme.Issuance.X509;

/// <summary>Writes a TBSCertificate (RFC 5280 §4.1) directly: no builder, no re-parsing, one pass.</summary>
public static class TbsCertificateWriter
{
    private static readonly Asn1Tag Explicit0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Explicit3 = new(TagClass.ContextSpecific, 3, isConstructed: true);

    public static byte[] Write(
        CompiledProfile compiled,
        ReadOnlySpan<byte> serial,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter,
        IssuanceRequest request)
    {
        CertificateProfile profile = compiled.Profile;
        var writer = new AsnWriter(AsnEncodingRules.DER, initialCapacity: 1024);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(Explicit0))
            {
                writer.WriteInteger(2);
            }

            writer.WriteIntegerUnsigned(serial);
            writer.WriteEncodedValue(compiled.SignatureAlgorithmDer);
            writer.WriteEncodedValue(compiled.IssuerNameDer);
            using (writer.PushSequence())
            {
                DerBuilders.WriteTime(writer, notBefore);
                DerBuilders.WriteTime(writer, notAfter);
            }

            DerBuilders.WriteName(writer, SubjectAttributes(profile.Subject, request));
            writer.WriteEncodedValue(request.SubjectPublicKeyInfo.Span);
            using (writer.PushSequence(Explicit3))
            using (writer.PushSequence())
            {
                foreach (byte[] extension in compiled.LeadingExtensions)
                {
                    writer.WriteEncodedValue(extension);
                }

                DerBuilders.WriteExtension(writer, X509Oids.SubjectKeyIdentifier, critical: false,
                    DerBuilders.SubjectKeyIdentifierValue(DerBuilders.KeyIdentifier(request.SubjectPublicKeyInfo.Span)));
                foreach (byte[] extension in compiled.MiddleExtensions)
                {
                    writer.WriteEncodedValue(extension);
                }

                DerBuilders.WriteExtension(writer, StirOids.TnAuthList, critical: false, request.TnAuthList.Der);
                if (request.JwtClaimConstraints is { } cc)
                {
                    DerBuilders.WriteExtension(writer, StirOids.JwtClaimConstraints, critical: false, cc.Encode());
                }

                if (request.EnhancedJwtClaimConstraints is { } ecc)
                {
                    DerBuilders.WriteExtension(writer, StirOids.EnhancedJwtClaimConstraints, critical: false, ecc.Encode());
                }

                if (compiled.Trailer is not null)
                {
                    writer.WriteEncodedValue(compiled.Trailer);
                }
            }
        }

        return writer.Encode();
    }

    public static IEnumerable<(string Oid, string Value)> SubjectAttributes(SubjectTemplate template, IssuanceRequest request)
    {
        if (template.Country is { } c)
        {
            yield return (X509Oids.Country, c);
        }

        string? organization = template.Organization == "{organization}" ? request.Organization : template.Organization;
        if (!string.IsNullOrEmpty(organization))
        {
            yield return (X509Oids.Organization, organization);
        }

        yield return (X509Oids.CommonName, Expand(template.CommonName, request));
    }

    private static string Expand(string template, IssuanceRequest request)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        string spc = request.TnAuthList.ServiceProviderCodes.FirstOrDefault()?.Value ?? string.Empty;
        return template
            .Replace("{spc}", spc, StringComparison.Ordinal)
            .Replace("{organization}", request.Organization ?? string.Empty, StringComparison.Ordinal)
            .Replace("{tn}", Summary(request.TnAuthList), StringComparison.Ordinal);
    }

    /// <summary>A short CN-sized summary: the first entry, and how many more there are.</summary>
    private static string Summary(TnAuthList list)
    {
        string first = list.Entries[0] switch
        {
            OneEntry one => one.Number.Value,
            RangeEntry range => range.Range.ToString(),
            SpcEntry spc => spc.Code.Value,
            _ => "?",
        };
        return list.Entries.Length == 1 ? first : string.Create(CultureInfo.InvariantCulture, $"{first} (+{list.Entries.Length - 1})");
    }
}
