using System.Text.Json.Serialization;

namespace TnAcme.Issuance.Profiles;

/// <summary>
/// A certificate profile as shipped in <c>ca-config/profiles/*.json</c>. Everything a profile decides lives here
/// as data; the TBS writer and the linter interpret it, so a new profile is a new file, not new code.
/// </summary>
public sealed record CertificateProfile
{
    public required string Name { get; init; }

    public string Description { get; init; } = string.Empty;

    public CertificateKind Kind { get; init; } = CertificateKind.EndEntity;

    /// <summary>What the TNAuthList may hold.</summary>
    public TnAuthListShape TnAuthList { get; init; } = TnAuthListShape.NumbersAndRanges;

    public double DefaultValidityHours { get; init; } = 24;

    public double MaximumValidityHours { get; init; } = 72;

    /// <summary>notBefore is set this far in the past, for relying parties whose clocks run slow.</summary>
    public int BackdateSeconds { get; init; } = 60;

    public SubjectTemplate Subject { get; init; } = new();

    /// <summary>Names from X509KeyUsageFlags: DigitalSignature, KeyCertSign, CrlSign…; always critical.</summary>
    public IReadOnlyList<string> KeyUsage { get; init; } = ["DigitalSignature"];

    /// <summary>For <see cref="CertificateKind.DelegateCa"/>: the pathLenConstraint.</summary>
    public int? PathLength { get; init; }

    public IReadOnlyList<string> CertificatePolicies { get; init; } = [];

    public CrlDistributionPointSettings? CrlDistributionPoint { get; init; }

    /// <summary>RFC 9608: the CA publishes no revocation status for these certificates.</summary>
    public bool NoRevAvail { get; init; }

    public ClaimConstraintsPolicy ClaimConstraints { get; init; } = ClaimConstraintsPolicy.Forbidden;

    /// <summary>True for <see cref="CertificateKind.DelegateCa"/> (RFC 9060): the request must carry the scope it was granted.</summary>
    [JsonIgnore]
    public bool IsCa => Kind == CertificateKind.DelegateCa;

    public TimeSpan DefaultValidity => TimeSpan.FromHours(DefaultValidityHours);

    public TimeSpan MaximumValidity => TimeSpan.FromHours(MaximumValidityHours);
}

public enum CertificateKind
{
    EndEntity,
    DelegateCa,
}

public enum TnAuthListShape
{
    /// <summary>Exactly one SPC entry and nothing else (ATIS-1000080 service-provider certificate).</summary>
    SingleSpc,

    /// <summary>Numbers and ranges only, no SPC.</summary>
    NumbersAndRanges,

    /// <summary>Any non-empty TNAuthList.</summary>
    Any,
}

public enum ClaimConstraintsPolicy
{
    Forbidden,
    Optional,
}

public sealed record SubjectTemplate
{
    /// <summary>Placeholders: {spc} (the single SPC), {tn} (a summary of the numbers), {organization}.</summary>
    public string CommonName { get; init; } = "STIR {tn}";

    /// <summary>ISO 3166-1 alpha-2; required by ATIS-1000080.</summary>
    public string? Country { get; init; }

    /// <summary>Fixed organization, or "{organization}" to take the subscriber's.</summary>
    public string? Organization { get; init; }

    /// <summary>When true the linter insists on CN "SHAKEN &lt;SPC&gt;", C and O (ATIS-1000080 §6.4.1).</summary>
    public bool ShakenRules { get; init; }
}

public sealed record CrlDistributionPointSettings
{
    public required string Url { get; init; }

    /// <summary>DN of the CRL issuer when it is not the certificate's issuer (the STI-PA in SHAKEN).</summary>
    public string? CrlIssuer { get; init; }
}
