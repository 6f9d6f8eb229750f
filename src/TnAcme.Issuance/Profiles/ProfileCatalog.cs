using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TnAcme.Issuance.Profiles;

/// <summary>The profiles a CA offers, loaded from JSON files and checked for sense at start-up.</summary>
public sealed class ProfileCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    private readonly FrozenDictionary<string, CertificateProfile> _profiles;

    public ProfileCatalog(IEnumerable<CertificateProfile> profiles)
    {
        var list = profiles.ToList();
        foreach (CertificateProfile p in list)
        {
            Validate(p);
        }

        _profiles = list.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<CertificateProfile> All => _profiles.Values;

    public CertificateProfile this[string name] =>
        TryGet(name, out CertificateProfile? p) ? p! : throw new KeyNotFoundException($"no certificate profile named '{name}' (have: {string.Join(", ", _profiles.Keys)})");

    public bool TryGet(string name, out CertificateProfile? profile) => _profiles.TryGetValue(name, out profile);

    /// <summary>Loads every <c>*.json</c> in <paramref name="directory"/>; a file's name need not match its profile's.</summary>
    public static ProfileCatalog LoadDirectory(string directory)
    {
        var profiles = new List<CertificateProfile>();
        foreach (string file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                profiles.Add(JsonSerializer.Deserialize<CertificateProfile>(File.ReadAllText(file), JsonOptions)
                             ?? throw new InvalidDataException("empty profile"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"certificate profile {file}: {e.Message}", e);
            }
        }

        return new ProfileCatalog(profiles);
    }

    public static CertificateProfile Parse(string json) =>
        JsonSerializer.Deserialize<CertificateProfile>(json, JsonOptions) ?? throw new InvalidDataException("empty profile");

    private static void Validate(CertificateProfile p)
    {
        void Require(bool ok, string message)
        {
            if (!ok)
            {
                throw new InvalidDataException($"certificate profile '{p.Name}': {message}");
            }
        }

        Require(p.DefaultValidityHours > 0 && p.DefaultValidityHours <= p.MaximumValidityHours, "defaultValidityHours must be positive and at most maximumValidityHours");
        Require(!(p.NoRevAvail && p.CrlDistributionPoint is not null), "noRevAvail excludes a CRL distribution point (RFC 9608 §3)");
        Require(!(p.NoRevAvail && p.IsCa), "noRevAvail must not appear in CA certificates (RFC 9608 §2)");
        Require(!(p.IsCa && p.ClaimConstraints != ClaimConstraintsPolicy.Forbidden), "claim constraints are for end-entity certificates only (RFC 8226 §8)");
        Require(p.KeyUsage.Count > 0, "keyUsage must name at least one usage");
        foreach (string usage in p.KeyUsage)
        {
            Require(Enum.TryParse<System.Security.Cryptography.X509Certificates.X509KeyUsageFlags>(usage, ignoreCase: true, out _), $"unknown key usage '{usage}'");
        }

        Require(p.Subject.Country is null || (p.Subject.Country.Length == 2 && p.Subject.Country.All(char.IsAsciiLetterUpper)), "subject country must be an ISO 3166-1 alpha-2 code");
    }
}
