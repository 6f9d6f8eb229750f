namespace TnAcme.Acme;

/// <summary>Protocol settings of the ACME front end (bound from configuration section "Acme").</summary>
public sealed record AcmeOptions
{
    public string? TermsOfService { get; init; }

    public string? Website { get; init; }

    /// <summary>A SHAKEN CA knows its service providers: external account binding is required by default.</summary>
    public bool ExternalAccountRequired { get; init; } = true;

    public TimeSpan OrderLifetime { get; init; } = TimeSpan.FromDays(7);

    public TimeSpan PendingAuthorizationLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long a valid authorization lasts (and may be reused, if reuse is on).</summary>
    public TimeSpan ValidAuthorizationLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Reuse a still-valid authorization of the same account for the same identifier in new orders.</summary>
    public bool ReuseAuthorizations { get; init; } = true;

    /// <summary>Certificates may not outlive the proof (Authority Token exp) unless an operator says so (RFC 9447 §7).</summary>
    public bool AllowCertificatesBeyondProofExpiry { get; init; }

    /// <summary>RFC 9448 §4 token-authority hint (omit for SHAKEN).</summary>
    public string? TokenAuthorityUrl { get; init; }

    public int OrdersPageSize { get; init; } = 100;

    public int MaxRequestBytes { get; init; } = 64 * 1024;
}
