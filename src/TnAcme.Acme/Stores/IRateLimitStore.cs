namespace TnAcme.Acme.Stores;

/// <summary>One sliding-window limit: at most <paramref name="Limit"/> events for (scope, key) within <paramref name="Window"/>.</summary>
/// <param name="Scope">What is limited, e.g. "tn-callback-01/number"; names the limit in refusals.</param>
/// <param name="Key">Whom it is limited for, e.g. the telephone number or the account id.</param>
public sealed record RateLimitRule(string Scope, string Key, int Limit, TimeSpan Window);

/// <summary>Allowed (the events were recorded), or refused by <see cref="Refused"/> until <see cref="RetryAt"/>.</summary>
public sealed record RateLimitDecision(RateLimitRule? Refused, DateTimeOffset? RetryAt)
{
    public bool Allowed => Refused is null;

    public static RateLimitDecision Allow { get; } = new(null, null);
}

/// <summary>
/// Persistent sliding-window counters (they survive a restart, and one check-and-record is atomic, so concurrent
/// requests cannot both slip under a limit).
/// </summary>
public interface IRateLimitStore
{
    /// <summary>Records one event under every rule if none of them is at its limit; otherwise records nothing.</summary>
    Task<RateLimitDecision> TryAcquireAsync(IReadOnlyList<RateLimitRule> rules, DateTimeOffset now, CancellationToken cancellationToken);
}
