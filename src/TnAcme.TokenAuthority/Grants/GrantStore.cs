using System.Text.Json;
using TnAcme.Issuance.Hierarchy;

namespace TnAcme.TokenAuthority.Grants;

/// <summary>
/// grants.json: read without a lock (it is only ever replaced by an atomic rename, so a reader sees the old or the
/// new file), changed under the folder lock, written 0600. Re-read on every token request, so a grant made with the
/// CLI applies to a running server at once.
/// </summary>
internal sealed class GrantStore
{
    private readonly TokenAuthorityFolder _folder;

    public GrantStore(TokenAuthorityFolder folder) => _folder = folder;

    public async Task<StoredGrants> ReadAsync(CancellationToken ct)
    {
        if (!File.Exists(_folder.GrantsPath))
        {
            return new StoredGrants();
        }

        StoredGrants? grants;
        try
        {
            await using FileStream stream = File.OpenRead(_folder.GrantsPath);
            grants = await JsonSerializer.DeserializeAsync<StoredGrants>(stream, StateJson.Options, ct);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{_folder.GrantsPath} is not a readable grants file: {e.Message}", e);
        }

        if (grants is null || grants.Version != StoredGrants.CurrentVersion)
        {
            throw new InvalidOperationException($"{_folder.GrantsPath} has version {grants?.Version}; this build reads version {StoredGrants.CurrentVersion}");
        }

        return grants;
    }

    /// <summary>Read, change and write under the folder lock; <paramref name="change"/> may throw to abandon.</summary>
    public async Task<T> UpdateAsync<T>(Func<StoredGrants, (StoredGrants Next, T Result)> change, CancellationToken ct)
    {
        using (await FolderLock.AcquireAsync(_folder, ct))
        {
            var (next, result) = change(await ReadAsync(ct));
            CaDataFolder.WriteSecret(_folder.GrantsPath, JsonSerializer.Serialize(next, StateJson.Options) + "\n");
            return result;
        }
    }
}
