using TnAcme.Acme.Problems;

namespace TnAcme.Validation.Callback;

/// <summary>
/// The problem documents of tn-callback-01 (docs/challenges/tn-callback-01.md, "Errors"). Only registered ACME types
/// are used (RFC 8555 §6.7 forbids inventing URNs there); the extension member "limit" says which limit refused.
/// </summary>
internal static class CallbackProblems
{
    public const string NumberLimit = "tn-callback-01/number";
    public const string AccountLimit = "tn-callback-01/account";
    public const string AuthorizationLimit = "tn-callback-01/deliveries-per-authorization";
    public const string ResendLimit = "tn-callback-01/resend-interval";
    public const string DenyList = "tn-callback-01/deny-list";

    public static AcmeProblemException RateLimited(string limit, string detail, DateTimeOffset? retryAt, DateTimeOffset now)
    {
        int? seconds = retryAt is { } at ? Math.Max(1, (int)Math.Ceiling((at - now).TotalSeconds)) : null;
        return new AcmeProblemException(new AcmeProblem
        {
            Type = AcmeErrorType.RateLimited,
            Detail = seconds is { } s ? $"{detail}; retry after {s} s ({retryAt:yyyy-MM-dd'T'HH:mm:ss'Z'})" : detail,
            Status = 429,
            Limit = limit,
            RetryAfterSeconds = seconds,
        });
    }

    public static AcmeProblemException Denied(string number, string reason) => new(new AcmeProblem
    {
        Type = AcmeErrorType.RejectedIdentifier,
        Detail = $"{number} is never called or messaged: {reason}. Prove it with tkauth-01 instead",
        Status = 403,
        Limit = DenyList,
    });

    public static AcmeProblem WrongCode(int attemptsLeft) => new()
    {
        Type = AcmeErrorType.IncorrectResponse,
        Detail = attemptsLeft > 0
            ? $"the response does not match the code sent and this account's key; {attemptsLeft} attempt(s) left"
            : "the response does not match the code sent and this account's key; no attempts left",
        Status = 403,
    };

    public static AcmeProblem Expired(DateTimeOffset expired, int deliveriesLeft) => new()
    {
        Type = AcmeErrorType.IncorrectResponse,
        Detail = deliveriesLeft > 0
            ? $"the code expired at {expired:yyyy-MM-dd'T'HH:mm:ss'Z'}; ask for a new one with {{\"channel\": …}} ({deliveriesLeft} delivery(ies) left)"
            : $"the code expired at {expired:yyyy-MM-dd'T'HH:mm:ss'Z'} and no deliveries are left for this authorization",
        Status = 403,
    };

    public static AcmeProblem DeliveryFailed(string channel, string delivery, CallbackDeliveryException e) => new()
    {
        Type = e.Retryable ? AcmeErrorType.Connection : AcmeErrorType.ServerInternal,
        Detail = $"the {channel} delivery through the {delivery} failed: {e.Message}; no code was sent{(e.Retryable ? ", ask again later" : string.Empty)}",
        Status = e.Retryable ? 503 : 502,
        RetryAfterSeconds = e.Retryable ? 30 : null,
    };
}
