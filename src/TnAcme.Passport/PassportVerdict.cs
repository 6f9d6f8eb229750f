namespace TnAcme.Passport;

public enum PassportVerdict
{
    /// <summary>Every check passed (freshness may have been turned off).</summary>
    Valid,

    /// <summary>Nothing failed, but orig could not be checked against the certificate (an SPC-only TNAuthList).</summary>
    ValidOrigNotCheckable,

    Invalid,
}
