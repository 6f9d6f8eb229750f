namespace TnAcme.Client.Transport;

/// <summary>
/// Replay-Nonce values (RFC 8555 §6.5) collected from every response, so most requests need no extra round trip
/// to newNonce. Last in, first out: the freshest nonce is the one a server is least likely to have expired.
/// </summary>
internal sealed class NoncePool
{
    /// <summary>A client sends few requests at once; an unbounded pool would only hoard stale nonces.</summary>
    public const int Capacity = 16;

    private readonly Lock _sync = new();
    private readonly LinkedList<string> _nonces = new();

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _nonces.Count;
            }
        }
    }

    public void Add(string? nonce)
    {
        if (string.IsNullOrEmpty(nonce))
        {
            return;
        }

        lock (_sync)
        {
            _nonces.AddLast(nonce);
            if (_nonces.Count > Capacity)
            {
                _nonces.RemoveFirst();
            }
        }
    }

    public bool TryTake(out string nonce)
    {
        lock (_sync)
        {
            if (_nonces.Last is { } newest)
            {
                _nonces.RemoveLast();
                nonce = newest.Value;
                return true;
            }
        }

        nonce = string.Empty;
        return false;
    }

    public void Clear()
    {
        lock (_sync)
        {
            _nonces.Clear();
        }
    }
}
