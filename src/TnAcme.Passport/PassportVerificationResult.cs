namespace TnAcme.Passport;

/// <summary>Every check that ran, in order, with the passport as parsed (null when it could not be read).</summary>
public sealed class PassportVerificationResult
{
    public PassportVerificationResult(IReadOnlyList<PassportCheck> checks, ParsedPassport? passport)
    {
        Checks = checks;
        Passport = passport;
        Failures = [.. checks.Where(c => c.Outcome == PassportCheckOutcome.Failed)];
        Verdict = Failures.Count > 0 ? PassportVerdict.Invalid
            : checks.Any(c => c.Outcome == PassportCheckOutcome.NotCheckable) ? PassportVerdict.ValidOrigNotCheckable
            : PassportVerdict.Valid;
    }

    public IReadOnlyList<PassportCheck> Checks { get; }

    public ParsedPassport? Passport { get; }

    public IReadOnlyList<PassportCheck> Failures { get; }

    public PassportVerdict Verdict { get; }

    /// <summary>No check failed. Check <see cref="Verdict"/> to learn whether orig was actually verified.</summary>
    public bool IsValid => Verdict != PassportVerdict.Invalid;

    public PassportCheck? this[string name] => Checks.FirstOrDefault(c => c.Name == name);

    /// <summary>One line: the verdict, then the failed (or not checkable) checks with their messages.</summary>
    public string Summary => Verdict switch
    {
        PassportVerdict.Valid => "PASSporT valid",
        PassportVerdict.ValidOrigNotCheckable => "PASSporT valid, but orig NOT verified: " +
            string.Join("; ", Checks.Where(c => c.Outcome == PassportCheckOutcome.NotCheckable).Select(c => c.Message)),
        _ => "PASSporT invalid: " + string.Join("; ", Failures.Select(c => $"{c.Name}: {c.Message}")),
    };
}
