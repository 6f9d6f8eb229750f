using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Issuance;
using TnAcme.Issuance.Hierarchy;
using TnAcme.Issuance.Profiles;
using TnAcme.Stir;

namespace TnAcme.Benchmarks;

/// <summary>
/// What every benchmark class sets up once: a fresh root + issuing CA in a temporary data folder, the shipped
/// profiles from ca-config/profiles, a P-256 subscriber key and the requests the benchmarks issue.
/// </summary>
public sealed class IssuanceFixture : IDisposable
{
    public const string ShortLivedProfile = "tn-shortlived";
    public const string ShakenProfile = "shaken-sp";

    private IssuanceFixture(string root, IssuingAuthority authority, ProfileCatalog profiles, ECDsa subscriberKey, ECDsa issuerKey)
    {
        Root = root;
        Authority = authority;
        Profiles = profiles;
        SubscriberKey = subscriberKey;
        IssuerKey = issuerKey;
        SubscriberSpki = subscriberKey.ExportSubjectPublicKeyInfo();
        Issuer = new CertificateIssuer(authority, profiles);

        SingleNumber = new IssuanceRequest
        {
            ProfileName = ShortLivedProfile,
            SubjectPublicKeyInfo = SubscriberSpki,
            TnAuthList = TnAuthList.Create(TnEntry.OfNumber("12025550123")),
        };
        SingleNumberWithScope = SingleNumber with
        {
            AuthorizedScope = TnAuthList.Create(TnEntry.OfNumber("12025550123")),
        };
        Range = SingleNumber with
        {
            TnAuthList = TnAuthList.Create(TnEntry.OfRange("12025550100", 100)),
        };
        ServiceProvider = new IssuanceRequest
        {
            ProfileName = ShakenProfile,
            SubjectPublicKeyInfo = SubscriberSpki,
            TnAuthList = TnAuthList.Create(TnEntry.OfSpc("1234")),
            Organization = "Example Telecom",
        };
    }

    /// <summary>The temporary CA data folder; deleted on dispose.</summary>
    public string Root { get; }

    public IssuingAuthority Authority { get; }

    public ProfileCatalog Profiles { get; }

    public CertificateIssuer Issuer { get; }

    public ECDsa SubscriberKey { get; }

    /// <summary>The issuing CA's private key, for the BCL <see cref="CertificateRequest"/> comparison.</summary>
    public ECDsa IssuerKey { get; }

    public byte[] SubscriberSpki { get; }

    /// <summary>tn-shortlived, one telephone number.</summary>
    public IssuanceRequest SingleNumber { get; }

    /// <summary>tn-shortlived, one telephone number, with the Authority Token's scope to check it against (as ACME issues).</summary>
    public IssuanceRequest SingleNumberWithScope { get; }

    /// <summary>tn-shortlived, a range of 100 numbers.</summary>
    public IssuanceRequest Range { get; }

    /// <summary>shaken-sp, one SPC.</summary>
    public IssuanceRequest ServiceProvider { get; }

    public static IssuanceFixture Create()
    {
        string root = Path.Combine(Path.GetTempPath(), "tnacme-benchmarks-ca-" + Guid.NewGuid().ToString("N"));
        var folder = new CaDataFolder(root);
        CertificateAuthorityHierarchy.Default
            .InitializeAsync(folder, new HierarchySettings(), new SignerSettings())
            .GetAwaiter().GetResult();
        IssuingAuthority authority = CertificateAuthorityHierarchy.Default.Open(folder);
        ProfileCatalog profiles = ProfileCatalog.LoadDirectory(FindProfilesDirectory());
        var issuerKey = ECDsa.Create();
        issuerKey.ImportFromPem(File.ReadAllText(folder.IssuingKeyPath));
        var fixture = new IssuanceFixture(root, authority, profiles, ECDsa.Create(ECCurve.NamedCurves.nistP256), issuerKey);
        fixture.CheckOnce();
        return fixture;
    }

    /// <summary>Issues each request once and verifies the result, so a benchmark never times a broken path.</summary>
    private void CheckOnce()
    {
        using ECDsa issuerPublic = Authority.Certificate.GetECDsaPublicKey()
            ?? throw new InvalidOperationException("issuing CA key is not ECDSA");
        foreach (IssuanceRequest request in new[] { SingleNumber, SingleNumberWithScope, Range, ServiceProvider })
        {
            IssuedCertificate issued = Issuer.IssueAsync(request).GetAwaiter().GetResult();
            using X509Certificate2 cert = X509CertificateLoader.LoadCertificate(issued.Der);
            if (cert.Extensions[StirOids.TnAuthList] is null)
            {
                throw new InvalidOperationException($"{request.ProfileName}: no TNAuthList in the issued certificate");
            }

            var reader = new System.Formats.Asn1.AsnReader(issued.Der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
            ReadOnlyMemory<byte> tbs = reader.ReadEncodedValue();
            reader.ReadSequence();
            byte[] signature = reader.ReadBitString(out _);
            if (!issuerPublic.VerifyData(tbs.Span, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
            {
                throw new InvalidOperationException($"{request.ProfileName}: the issued certificate does not verify");
            }
        }
    }

    /// <summary>ca-config/profiles, found by walking up from the benchmark's output folder or the working directory.</summary>
    private static string FindProfilesDirectory()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "ca-config", "profiles");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("ca-config/profiles not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        Authority.Dispose();
        SubscriberKey.Dispose();
        IssuerKey.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
