using System.Collections.Concurrent;
using TnAcme.Acme.Jose;

namespace TnAcme.Acme.Protocol;

/// <summary>
/// Parsed account keys by canonical JWK, so a request verifies with a ready key object instead of re-importing
/// it. Keyed by the stored JWK text, so a key change anywhere (any node) simply misses the cache.
/// </summary>
public sealed class AccountKeyCache
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, JsonWebKey> _keys = new(StringComparer.Ordinal);

    public JsonWebKey Get(string canonicalJwk)
    {
        if (_keys.TryGetValue(canonicalJwk, out JsonWebKey? key))
        {
            return key;
        }

        if (_keys.Count >= MaxEntries)
        {
            _keys.Clear();
        }

        return _keys.GetOrAdd(canonicalJwk, JsonWebKey.Parse);
    }
}
