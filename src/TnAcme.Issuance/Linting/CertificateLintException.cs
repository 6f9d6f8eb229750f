namespace TnAcme.Issuance.Linting;

/// <summary>Issuance refused because the TBSCertificate broke profile rules; nothing was signed.</summary>
public sealed class CertificateLintException : Exception
{
    public CertificateLintException(IReadOnlyList<LintFinding> findings)
        : base("certificate refused by the linter: " + string.Join("; ", findings))
    {
        Findings = findings;
    }

    public IReadOnlyList<LintFinding> Findings { get; }
}
