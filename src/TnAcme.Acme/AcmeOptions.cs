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

    /// <summary>
    /// Per challenge type: the profiles and the JWT claim constraints of certificates it proved. A type not configured
    /// here gets <see cref="DefaultIssuanceByChallenge"/>'s entry, if any.
    /// </summary>
    public Dictionary<string, Policy.ChallengeIssuancePolicy> IssuanceByChallenge { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// By default a tn-callback-01 (possession) certificate is tn-shortlived and may not sign SHAKEN attestation,
    /// origid, diversion or priority claims: that takes a carrier's token.
    /// </summary>
    public static IReadOnlyDictionary<string, Policy.ChallengeIssuancePolicy> DefaultIssuanceByChallenge { get; } =
        new Dictionary<string, Policy.ChallengeIssuancePolicy>(StringComparer.Ordinal)
        {
            ["tn-callback-01"] = new()
            {
                Profiles = ["tn-shortlived"],
                MustExclude = ["attest", "origid", "div", "rph"],
            },
        };

    /// <summary>The policy for certificates <paramref name="challengeType"/> proved, or null.</summary>
    public Policy.ChallengeIssuancePolicy? IssuancePolicyFor(string challengeType) =>
        IssuanceByChallenge.TryGetValue(challengeType, out Policy.ChallengeIssuancePolicy? configured)
            ? configured
            : DefaultIssuanceByChallenge.GetValueOrDefault(challengeType);
}
