using System.Collections.Concurrent;

namespace TnAcme.Acme.Stores;

/// <summary>
/// Every authenticated request loads its account; within a short time-to-live this answers from memory instead.
/// Changes made through this instance invalidate at once; a change made on another node is seen within the TTL
/// (so a deactivation elsewhere takes effect within it — keep the TTL to seconds).
/// </summary>
public sealed class CachingAccountStore : IAccountStore
{
    private const int MaxEntries = 100_000;
    private readonly IAccountStore _inner;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (Account Account, long LoadedAt)> _byId = new(StringComparer.Ordinal);

    public CachingAccountStore(IAccountStore inner, TimeSpan ttl, TimeProvider? time = null)
    {
        _inner = inner;
        _ttl = ttl;
        _time = time ?? TimeProvider.System;
    }

    public async Task<Account?> GetAsync(string id, CancellationToken cancellationToken)
    {
        long now = _time.GetTimestamp();
        if (_byId.TryGetValue(id, out var entry) && _time.GetElapsedTime(entry.LoadedAt, now) < _ttl)
        {
            return entry.Account;
        }

        Account? account = await _inner.GetAsync(id, cancellationToken);
        if (account is null)
        {
            _byId.TryRemove(id, out _);
            return null;
        }

        if (_byId.Count >= MaxEntries)
        {
            _byId.Clear();
        }

        _byId[id] = (account, now);
        return account;
    }

    public Task<Account?> FindByThumbprintAsync(string keyThumbprint, CancellationToken cancellationToken) =>
        _inner.FindByThumbprintAsync(keyThumbprint, cancellationToken);

    public Task<AccountCreation> CreateAsync(Account account, CancellationToken cancellationToken) =>
        _inner.CreateAsync(account, cancellationToken);

    public async Task UpdateAsync(Account account, CancellationToken cancellationToken)
    {
        _byId.TryRemove(account.Id, out _);
        await _inner.UpdateAsync(account, cancellationToken);
        _byId.TryRemove(account.Id, out _);
    }

    public async Task<KeyChangeResult> ChangeKeyAsync(string accountId, string newKeyJwk, string newKeyThumbprint, CancellationToken cancellationToken)
    {
        _byId.TryRemove(accountId, out _);
        KeyChangeResult result = await _inner.ChangeKeyAsync(accountId, newKeyJwk, newKeyThumbprint, cancellationToken);
        _byId.TryRemove(accountId, out _);
        return result;
    }
}
