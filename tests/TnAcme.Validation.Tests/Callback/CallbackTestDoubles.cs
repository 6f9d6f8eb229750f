using TnAcme.Acme.Stores;
using TnAcme.Validation.Callback;

namespace TnAcme.Validation.Tests.Callback;

/// <summary>A clock the test moves by hand; timers fire at once (backoff waits cost nothing).</summary>
internal sealed class ManualTime : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public List<TimeSpan> Waits { get; } = [];

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Waits.Add(dueTime);
            callback(state);
        }

        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Records messages instead of sending them, or fails as told.</summary>
internal sealed class RecordingDelivery : ICallbackDelivery
{
    public List<CallbackMessage> Sent { get; } = [];

    public CallbackDeliveryException? FailWith { get; set; }

    public string Name => "recorder";

    public IReadOnlyCollection<string> Channels { get; init; } = ["sms", "voice"];

    public Task DeliverAsync(CallbackMessage message, CancellationToken cancellationToken)
    {
        if (FailWith is { } e)
        {
            throw e;
        }

        Sent.Add(message);
        return Task.CompletedTask;
    }
}

/// <summary>The sliding-window semantics of EfRateLimitStore, in memory.</summary>
internal sealed class InMemoryRateLimits : IRateLimitStore
{
    private readonly List<(string Scope, string Key, DateTimeOffset At)> _events = [];

    public Task<RateLimitDecision> TryAcquireAsync(IReadOnlyList<RateLimitRule> rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_events)
        {
            foreach (RateLimitRule rule in rules)
            {
                var inWindow = _events.Where(e => e.Scope == rule.Scope && e.Key == rule.Key && e.At > now - rule.Window).Select(e => e.At).Order().ToList();
                if (inWindow.Count >= rule.Limit)
                {
                    return Task.FromResult(new RateLimitDecision(rule, inWindow[inWindow.Count - rule.Limit] + rule.Window));
                }
            }

            foreach (RateLimitRule rule in rules)
            {
                _events.Add((rule.Scope, rule.Key, now));
            }

            return Task.FromResult(RateLimitDecision.Allow);
        }
    }
}
