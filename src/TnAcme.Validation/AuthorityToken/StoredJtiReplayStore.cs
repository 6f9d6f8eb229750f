using TnAcme.Acme.Stores;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>jti single use through the storage authority, so it survives restarts and holds across nodes.</summary>
public sealed class StoredJtiReplayStore : IJtiReplayStore
{
    private readonly IReplayStore _store;

    public StoredJtiReplayStore(IReplayStore store) => _store = store;

    public Task<bool> TryRecordAsync(string issuerKey, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        _store.TryRecordAsync("atc-jti:" + issuerKey, jti, expiresAt, cancellationToken);
}
