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

    // ACME client verbs (account, order, renew, revoke).

    /// <summary>The ACME server refused; its problem document is printed.</summary>
    public const int ServerRefused = 6;

    /// <summary>The server or the token authority could not be reached, or did not answer in time (DNS, TCP, TLS, timeout).</summary>
    public const int Network = 7;

    /// <summary>No usable proof: the Authority Token's source failed or the token cannot answer this order, or no tn-callback-01 code could be read.</summary>
    public const int AuthorityToken = 8;

    /// <summary>A PASSporT failed verification (tnacme passport verify).</summary>
    public const int PassportInvalid = 9;

    /// <summary>
    /// The issuance log failed verification (tnacme audit verify): a bad checkpoint signature, a log key other
    /// than the pinned one, a checkpoint inconsistent with one seen before (a fork or rewritten history), an
    /// inclusion proof that fails, or an altered or missing entry.
    /// </summary>
    public const int LogTampered = 10;
}
