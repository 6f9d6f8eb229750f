namespace TnAcme.Validation.AuthorityToken;

/// <summary>Fetched x5u chains (DER, leaf first) by URL, with a TTL and a bound on entries. Thread-safe.</summary>
internal sealed class X5uCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DateTimeOffset Expires, byte[][] Der)> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl;
    private readonly int _maxEntries;
    private readonly TimeProvider _time;

    public X5uCache(TimeSpan ttl, int maxEntries, TimeProvider time)
    {
        _ttl = ttl;
        _maxEntries = maxEntries;
        _time = time;
    }

    public bool TryGet(string url, out byte[][] der)
    {
        DateTimeOffset now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(url, out var entry))
            {
                if (entry.Expires > now)
                {
                    der = entry.Der;
                    return true;
                }

                _entries.Remove(url);
            }
        }

        der = [];
        return false;
    }

    public void Add(string url, byte[][] der)
    {
        if (_ttl <= TimeSpan.Zero)
        {
            return;
        }

        DateTimeOffset now = _time.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.ContainsKey(url) && _entries.Count >= _maxEntries)
            {
                Evict(now);
            }

            _entries[url] = (now + _ttl, der);
        }
    }

    private void Evict(DateTimeOffset now)
    {
        string? soonest = null;
        DateTimeOffset soonestExpiry = DateTimeOffset.MaxValue;
        foreach (KeyValuePair<string, (DateTimeOffset Expires, byte[][] Der)> entry in _entries)
        {
            if (entry.Value.Expires <= now)
            {
                _entries.Remove(entry.Key);
            }
            else if (entry.Value.Expires < soonestExpiry)
            {
                soonest = entry.Key;
                soonestExpiry = entry.Value.Expires;
            }
        }

        if (_entries.Count >= _maxEntries && soonest is not null)
        {
            _entries.Remove(soonest);
        }
    }
}
