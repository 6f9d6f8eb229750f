namespace TnAcme.Issuance.Linting;

/// <summary>One broken rule. <see cref="Rule"/> is a stable name (zlint style: e_ for errors).</summary>
public sealed record LintFinding(string Rule, string Message)
{
    public override string ToString() => $"{Rule}: {Message}";
}
