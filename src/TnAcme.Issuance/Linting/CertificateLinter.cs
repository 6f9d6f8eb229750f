using TnAcme.Issuance.Linting.Rules;

namespace TnAcme.Issuance.Linting;

/// <summary>Runs every rule against a TBSCertificate before it is signed.</summary>
public sealed class CertificateLinter
{
    public static readonly IReadOnlyList<ILintRule> DefaultRules =
    [
        new VersionRule(),
        new SerialNumberRule(),
        new SignatureAlgorithmRule(),
        new P256KeyRule(),
        new ValidityRule(),
        new DuplicateExtensionsRule(),
        new AllowedExtensionsRule(),
        new BasicConstraintsRule(),
        new KeyUsageRule(),
        new KeyIdentifiersRule(),
        new CertificatePoliciesRule(),
        new CrlDistributionPointRule(),
        new NoRevAvailRule(),
        new TnAuthListRule(),
        new TnAuthListShapeRule(),
        new ShakenSubjectRule(),
        new ClaimConstraintsRule(),
        new EncompassedScopeRule(),
    ];

    private readonly IReadOnlyList<ILintRule> _rules;

    public CertificateLinter(IReadOnlyList<ILintRule>? rules = null) => _rules = rules ?? DefaultRules;

    public IReadOnlyList<LintFinding> Lint(LintContext context)
    {
        List<LintFinding>? findings = null;
        for (int i = 0; i < _rules.Count; i++)
        {
            ILintRule rule = _rules[i];
            string? problem = rule.Check(context);
            if (problem is not null)
            {
                (findings ??= []).Add(new LintFinding(rule.Id, problem));
            }
        }

        return findings ?? (IReadOnlyList<LintFinding>)[];
    }

    public void ThrowIfInvalid(LintContext context)
    {
        IReadOnlyList<LintFinding> findings = Lint(context);
        if (findings.Count > 0)
        {
            throw new CertificateLintException(findings);
        }
    }
}
