namespace TnAcme.Client.Resources;

/// <summary>Status values of ACME resources (RFC 8555 §7.1.6). Kept as strings so a newer server's states do not break parsing.</summary>
public static class AcmeStatus
{
    public const string Pending = "pending";
    public const string Ready = "ready";
    public const string Processing = "processing";
    public const string Valid = "valid";
    public const string Invalid = "invalid";
    public const string Deactivated = "deactivated";
    public const string Expired = "expired";
    public const string Revoked = "revoked";
}
