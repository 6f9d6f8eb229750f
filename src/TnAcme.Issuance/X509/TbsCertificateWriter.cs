using System.Formats.Asn1;
using System.Globalization;
using TnAcme.Issuance.Profiles;
using TnAcme.Stir;

namespace TnAcme.Issuance.X509;

/// <summary>Writes a TBSCertificate (RFC 5280 §4.1) directly: no builder, no re-parsing, one pass.</summary>
public static class TbsCertificateWriter
{
    /// <summary>Past this size a thread's cached writer is dropped rather than kept (a one-off huge TNAuthList).</summary>
    private const int MaxRetainedWriterBytes = 16 * 1024;

    private static readonly Asn1Tag Explicit0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Explicit3 = new(TagClass.ContextSpecific, 3, isConstructed: true);

    [ThreadStatic]
    private static AsnWriter? t_writer;

    public static byte[] Write(
        CompiledProfile compiled,
        ReadOnlySpan<byte> serial,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter,
        IssuanceRequest request)
    {
        CertificateProfile profile = compiled.Profile;
        AsnWriter writer = t_writer ?? new AsnWriter(AsnEncodingRules.DER, initialCapacity: 1024);
        t_writer = null;
        writer.Reset();
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

            WriteSubject(writer, compiled, profile.Subject, request);
            writer.WriteEncodedValue(request.SubjectPublicKeyInfo.Span);
            using (writer.PushSequence(Explicit3))
            using (writer.PushSequence())
            {
                foreach (byte[] extension in compiled.LeadingExtensions)
                {
                    writer.WriteEncodedValue(extension);
                }

                // The SKI extension is fixed but for the 20 bytes of the key's SHA-1, which go at its end.
                Span<byte> ski = stackalloc byte[CompiledProfile.SubjectKeyIdentifierExtensionPrefix.Length + DerBuilders.KeyIdentifierLength];
                CompiledProfile.SubjectKeyIdentifierExtensionPrefix.CopyTo(ski);
                DerBuilders.WriteKeyIdentifier(request.SubjectPublicKeyInfo.Span, ski[CompiledProfile.SubjectKeyIdentifierExtensionPrefix.Length..]);
                writer.WriteEncodedValue(ski);
                foreach (byte[] extension in compiled.MiddleExtensions)
                {
                    writer.WriteEncodedValue(extension);
                }

                DerBuilders.WriteExtension(writer, DerOids.TnAuthList, critical: false, request.TnAuthList.Der);
                if (request.JwtClaimConstraints is { } cc)
                {
                    DerBuilders.WriteExtension(writer, DerOids.JwtClaimConstraints, critical: false, cc.Encode());
                }

                if (request.EnhancedJwtClaimConstraints is { } ecc)
                {
                    DerBuilders.WriteExtension(writer, DerOids.EnhancedJwtClaimConstraints, critical: false, ecc.Encode());
                }

                if (compiled.Trailer is not null)
                {
                    writer.WriteEncodedValue(compiled.Trailer);
                }
            }
        }

        byte[] tbs = writer.Encode();
        if (tbs.Length <= MaxRetainedWriterBytes)
        {
            t_writer = writer;
        }

        return tbs;
    }

    public static IEnumerable<(string Oid, string Value)> SubjectAttributes(SubjectTemplate template, IssuanceRequest request)
    {
        if (template.Country is { } c)
        {
            yield return (X509Oids.Country, c);
        }

        string? organization = Organization(template, request);
        if (!string.IsNullOrEmpty(organization))
        {
            yield return (X509Oids.Organization, organization);
        }

        yield return (X509Oids.CommonName, Expand(template.CommonName, request));
    }

    /// <summary>
    /// The same Name as <c>DerBuilders.WriteName(writer, SubjectAttributes(template, request))</c>, with the parts
    /// that do not vary per certificate (C, a fixed O) taken ready-encoded from the compiled profile.
    /// </summary>
    private static void WriteSubject(AsnWriter writer, CompiledProfile compiled, SubjectTemplate template, IssuanceRequest request)
    {
        using (writer.PushSequence())
        {
            if (compiled.CountryRdn is { } country)
            {
                writer.WriteEncodedValue(country);
            }

            if (compiled.OrganizationRdn is { } fixedOrganization)
            {
                writer.WriteEncodedValue(fixedOrganization);
            }
            else if (Organization(template, request) is { Length: > 0 } organization)
            {
                DerBuilders.WriteUtf8Rdn(writer, DerOids.Organization, organization);
            }

            DerBuilders.WriteUtf8Rdn(writer, DerOids.CommonName, Expand(template.CommonName, request));
        }
    }

    internal static string? Organization(SubjectTemplate template, IssuanceRequest request) =>
        template.Organization == "{organization}" ? request.Organization : template.Organization;

    private static string Expand(string template, IssuanceRequest request)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        // Replaced in this order, each in the result of the one before; a value is only computed when its
        // placeholder is there to take it.
        string result = template;
        if (result.Contains("{spc}", StringComparison.Ordinal))
        {
            result = result.Replace("{spc}", FirstServiceProviderCode(request.TnAuthList), StringComparison.Ordinal);
        }

        result = result.Replace("{organization}", request.Organization ?? string.Empty, StringComparison.Ordinal);
        if (result.Contains("{tn}", StringComparison.Ordinal))
        {
            result = result.Replace("{tn}", Summary(request.TnAuthList), StringComparison.Ordinal);
        }

        return result;
    }

    private static string FirstServiceProviderCode(TnAuthList list)
    {
        foreach (TnEntry entry in list.Entries)
        {
            if (entry is SpcEntry spc)
            {
                return spc.Code.Value;
            }
        }

        return string.Empty;
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
