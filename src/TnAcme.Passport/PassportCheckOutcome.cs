namespace TnAcme.Passport;

public enum PassportCheckOutcome
{
    Passed,
    Failed,

    /// <summary>
    /// The certificate cannot settle the question (an SPC-only TNAuthList and orig): not a failure, but the claim
    /// was not verified either.
    /// </summary>
    NotCheckable,

    /// <summary>The check was turned off (freshness for offline checks) or does not apply.</summary>
    Skipped,
}
