namespace TnAcme.Issuance.Linting;

/// <summary>One rule of the pre-signing linter. A new rule is a new class registered in <see cref="CertificateLinter"/>.</summary>
public interface ILintRule
{
    /// <summary>Stable identifier shown to operators, e.g. <c>e_tnauthlist_not_critical</c>.</summary>
    string Id { get; }

    /// <summary>Returns the problem, or null when the rule holds.</summary>
    string? Check(LintContext context);
}
