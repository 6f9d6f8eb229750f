using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TnAcme.Issuance.Linting;
using TnAcme.Issuance.Profiles;
using TnAcme.Issuance.X509;
using TnAcme.Stir;

namespace TnAcme.Issuance.Inspection;

/// <summary>
/// Decodes a certificate or CSR the way an operator reads it: TNAuthList entries, claim constraints, the profile
/// it matches and the linter's findings. Output is a JSON tree; the CLI and the web pages render it.
/// </summary>
public sealed class CertificateInspector
{
    private readonly ProfileCatalog _profiles;
    private readonly CertificateLinter _linter;

    public CertificateInspector(ProfileCatalog profiles, CertificateLinter? linter = null)
    {
        _profiles = profiles;
        _linter = linter ?? new CertificateLinter();
    }

    /// <summary>Accepts PEM (CERTIFICATE or CERTIFICATE REQUEST) or DER of either.</summary>
    public JsonObject Inspect(byte[] contents)
    {
        string text = System.Text.Encoding.ASCII.GetString(contents);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            PemFields fields = PemEncoding.Find(text);
            string label = text[fields.Label];
            byte[] der = Convert.FromBase64String(text[fields.Base64Data]);
            return label.Contains("REQUEST", StringComparison.Ordinal) ? InspectRequest(der) : InspectCertificate(der);
        }

        return LooksLikeRequest(contents) ? InspectRequest(contents) : InspectCertificate(contents);
    }

    public JsonObject InspectCertificate(byte[] der)
    {
        TbsCertificateView tbs;
        try
        {
            tbs = TbsCertificateView.ParseCertificate(der);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            throw new InvalidDataException($"not a DER certificate: {e.Message}", e);
        }

        var result = new JsonObject
        {
            ["type"] = "certificate",
            ["serial"] = Convert.ToHexString(tbs.SerialNumber),
            ["subject"] = Name(tbs.SubjectDer),
            ["issuer"] = Name(tbs.IssuerDer),
            ["notBefore"] = tbs.NotBefore.ToString("O"),
            ["notAfter"] = tbs.NotAfter.ToString("O"),
            ["publicKey"] = KeyName(tbs.PublicKeyAlgorithm, tbs.NamedCurve),
            ["sha256Fingerprint"] = Convert.ToHexString(SHA256.HashData(der)),
        };
        AddExtensions(result, tbs.Extensions);

        (CertificateProfile? profile, IReadOnlyList<LintFinding> findings) = BestProfile(tbs);
        result["profile"] = profile?.Name;
        result["lintFindings"] = new JsonArray(findings.Select(f => (JsonNode?)f.ToString()).ToArray());
        return result;
    }

    public JsonObject InspectRequest(byte[] der)
    {
        Pkcs10Request csr = Pkcs10Request.Parse(der);
        var result = new JsonObject
        {
            ["type"] = "certificateRequest",
            ["subject"] = Name(csr.SubjectDer),
            ["publicKey"] = csr.HasP256Key ? "EC P-256" : "not EC P-256 (STIR needs P-256)",
            ["signatureValid"] = true,
            ["requestsCa"] = csr.RequestsCa,
        };
        AddExtensions(result, csr.RequestedExtensions);
        return result;
    }

    /// <summary>The profile with no findings; else the one with the fewest, so the operator sees what is off.</summary>
    private (CertificateProfile?, IReadOnlyList<LintFinding>) BestProfile(TbsCertificateView tbs)
    {
        CertificateProfile? best = null;
        IReadOnlyList<LintFinding> bestFindings = [new LintFinding("n_no_profile", "no profile configured")];
        foreach (CertificateProfile profile in _profiles.All.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            IReadOnlyList<LintFinding> findings = _linter.Lint(new LintContext(tbs, profile) { Inspecting = true });
            if (best is null || findings.Count < bestFindings.Count)
            {
                best = profile;
                bestFindings = findings;
            }
        }

        return bestFindings.Count == 0 ? (best, bestFindings) : (null, bestFindings);
    }

    private static void AddExtensions(JsonObject result, IReadOnlyList<CertificateExtension> extensions)
    {
        var list = new JsonArray();
        foreach (CertificateExtension ext in extensions)
        {
            list.Add(new JsonObject { ["oid"] = ext.Oid, ["critical"] = ext.Critical, ["name"] = ExtensionName(ext.Oid) });
            switch (ext.Oid)
            {
                case StirOids.TnAuthList:
                    result["tnAuthList"] = Describe(() => TnAuthListNode(TnAuthList.Decode(ext.Value)));
                    break;
                case StirOids.JwtClaimConstraints:
                    result["jwtClaimConstraints"] = Describe(() =>
                    {
                        var cc = JwtClaimConstraints.Decode(ext.Value);
                        return ConstraintsNode(cc.MustInclude, cc.PermittedValues, default);
                    });
                    break;
                case StirOids.EnhancedJwtClaimConstraints:
                    result["enhancedJwtClaimConstraints"] = Describe(() =>
                    {
                        var cc = EnhancedJwtClaimConstraints.Decode(ext.Value);
                        return ConstraintsNode(cc.MustInclude, cc.PermittedValues, cc.MustExclude);
                    });
                    break;
                case StirOids.NoRevAvail:
                    result["noRevAvail"] = true;
                    break;
            }
        }

        result["extensions"] = list;
    }

    private static JsonNode Describe(Func<JsonNode> describe)
    {
        try
        {
            return describe();
        }
        catch (StirDecodeException e)
        {
            return new JsonObject { ["error"] = e.Message, ["errorKind"] = e.Error.ToString() };
        }
    }

    public static JsonObject TnAuthListNode(TnAuthList list)
    {
        var entries = new JsonArray();
        foreach (TnEntry e in list.Entries)
        {
            entries.Add(e switch
            {
                SpcEntry spc => new JsonObject { ["spc"] = spc.Code.Value },
                RangeEntry r => new JsonObject { ["range"] = new JsonObject { ["start"] = r.Range.Start.Value, ["count"] = r.Range.Count, ["last"] = r.Range.NumberAt(r.Range.Count - 1) } },
                OneEntry one => new JsonObject { ["one"] = one.Number.Value },
                _ => null,
            });
        }

        return new JsonObject { ["identifier"] = TnAuthListIdentifier.Encode(list), ["entries"] = entries };
    }

    private static JsonObject ConstraintsNode(
        System.Collections.Immutable.ImmutableArray<string> include,
        System.Collections.Immutable.ImmutableArray<JwtClaimValues> permitted,
        System.Collections.Immutable.ImmutableArray<string> exclude)
    {
        var node = new JsonObject();
        if (!include.IsDefault)
        {
            node["mustInclude"] = new JsonArray(include.Select(s => (JsonNode?)s).ToArray());
        }

        if (!permitted.IsDefault)
        {
            var values = new JsonObject();
            foreach (JwtClaimValues v in permitted)
            {
                values[v.Claim] = new JsonArray(v.Values.Select(s => (JsonNode?)s).ToArray());
            }

            node["permittedValues"] = values;
        }

        if (!exclude.IsDefault)
        {
            node["mustExclude"] = new JsonArray(exclude.Select(s => (JsonNode?)s).ToArray());
        }

        return node;
    }

    private static string Name(byte[] der) => new System.Security.Cryptography.X509Certificates.X500DistinguishedName(der).Name;

    private static string KeyName(string algorithm, string? curve) =>
        algorithm == Signing.EcdsaAlgorithms.EcPublicKeyOid && curve == Signing.EcdsaAlgorithms.P256Oid ? "EC P-256" : $"{algorithm} {curve}".Trim();

    private static string ExtensionName(string oid) => oid switch
    {
        StirOids.TnAuthList => "TNAuthList",
        StirOids.JwtClaimConstraints => "JWTClaimConstraints",
        StirOids.EnhancedJwtClaimConstraints => "EnhancedJWTClaimConstraints",
        StirOids.NoRevAvail => "noRevAvail",
        X509Oids.BasicConstraints => "basicConstraints",
        X509Oids.KeyUsage => "keyUsage",
        X509Oids.SubjectKeyIdentifier => "subjectKeyIdentifier",
        X509Oids.AuthorityKeyIdentifier => "authorityKeyIdentifier",
        X509Oids.CertificatePolicies => "certificatePolicies",
        X509Oids.CrlDistributionPoints => "cRLDistributionPoints",
        X509Oids.ExtendedKeyUsage => "extKeyUsage",
        X509Oids.AuthorityInfoAccess => "authorityInfoAccess",
        _ => oid,
    };

    /// <summary>A CSR's first inner element is CertificationRequestInfo whose first member is INTEGER 0.</summary>
    private static bool LooksLikeRequest(byte[] der)
    {
        try
        {
            AsnReader info = new AsnReader(der, AsnEncodingRules.DER).ReadSequence().ReadSequence();
            return info.PeekTag() == Asn1Tag.Integer;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
