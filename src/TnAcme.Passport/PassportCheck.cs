namespace TnAcme.Passport;

/// <summary>One named verification step and what it found.</summary>
public sealed record PassportCheck(string Name, PassportCheckOutcome Outcome, string Message)
{
    public static PassportCheck Pass(string name, string message) => new(name, PassportCheckOutcome.Passed, message);

    public static PassportCheck Fail(string name, string message) => new(name, PassportCheckOutcome.Failed, message);

    public override string ToString() => $"{Name}: {Outcome}: {Message}";
}
