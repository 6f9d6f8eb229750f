namespace TnAcme.Acme;

public enum AccountStatus
{
    Valid,
    Deactivated,
    Revoked,
}

/// <summary>RFC 8555 §7.1.6: pending → ready → processing → valid; any → invalid.</summary>
public enum OrderStatus
{
    Pending,
    Ready,
    Processing,
    Valid,
    Invalid,
}

public enum AuthorizationStatus
{
    Pending,
    Valid,
    Invalid,
    Deactivated,
    Expired,
    Revoked,
}

public enum ChallengeStatus
{
    Pending,
    Processing,
    Valid,
    Invalid,
}

public static class StatusNames
{
    public static string Of(AccountStatus s) => s switch
    {
        AccountStatus.Valid => "valid",
        AccountStatus.Deactivated => "deactivated",
        _ => "revoked",
    };

    public static string Of(OrderStatus s) => s switch
    {
        OrderStatus.Pending => "pending",
        OrderStatus.Ready => "ready",
        OrderStatus.Processing => "processing",
        OrderStatus.Valid => "valid",
        _ => "invalid",
    };

    public static string Of(AuthorizationStatus s) => s switch
    {
        AuthorizationStatus.Pending => "pending",
        AuthorizationStatus.Valid => "valid",
        AuthorizationStatus.Invalid => "invalid",
        AuthorizationStatus.Deactivated => "deactivated",
        AuthorizationStatus.Expired => "expired",
        _ => "revoked",
    };

    public static string Of(ChallengeStatus s) => s switch
    {
        ChallengeStatus.Pending => "pending",
        ChallengeStatus.Processing => "processing",
        ChallengeStatus.Valid => "valid",
        _ => "invalid",
    };
}
