namespace TnAcme.Cli;

/// <summary>Exit codes scripts can rely on (docs/operations.md).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>Issuance refused by profile rules (linter) or policy.</summary>
    public const int Refused = 3;

    /// <summary>An input file is malformed (CSR, certificate, TNAuthList).</summary>
    public const int InvalidInput = 4;

    /// <summary>CA state is missing or already present.</summary>
    public const int State = 5;

    /// <summary>A PASSporT failed verification (tnacme passport verify).</summary>
    public const int PassportInvalid = 6;
}
