namespace TnAcme.Validation.AuthorityToken;

/// <summary>
/// A process-local <see cref="IJtiReplayStore"/>. Expired entries are swept at most once per
/// <see cref="SweepInterval"/>, so memory is bounded by the tokens still valid. Not shared between processes.
/// </summary>
public sealed class InMemoryJtiReplayStore : IJtiReplayStore
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<(string IssuerKey, string Jti), DateTimeOffset> _seen = [];
    private readonly TimeProvider _time;
    private DateTimeOffset _nextSweep;

    public InMemoryJtiReplayStore(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _nextSweep = _time.GetUtcNow() + SweepInterval;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _seen.Count;
            }
        }
    }

    public Task<bool> TryRecordAsync(string issuerKey, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuerKey);
        ArgumentNullException.ThrowIfNull(jti);
        cancellationToken.ThrowIfCancellationRequested();
        DateTimeOffset now = _time.GetUtcNow();
        lock (_lock)
        {
            if (now >= _nextSweep)
            {
                Sweep(now);
            }

            var key = (issuerKey, jti);
            if (_seen.TryGetValue(key, out DateTimeOffset until) && until > now)
            {
                return Task.FromResult(false);
            }

            _seen[key] = expiresAt;
            return Task.FromResult(true);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (KeyValuePair<(string, string), DateTimeOffset> entry in _seen)
        {
            if (entry.Value <= now)
            {
                _seen.Remove(entry.Key);
            }
        }

        _nextSweep = now + SweepInterval;
    }
}
