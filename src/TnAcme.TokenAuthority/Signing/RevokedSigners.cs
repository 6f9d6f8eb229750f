using System.Text.Json;
using TnAcme.Issuance.Hierarchy;

namespace TnAcme.TokenAuthority.Signing;

/// <summary>The withdrawn token-signing certificates (serial, when), kept as a small JSON file beside the keys.</summary>
internal static class RevokedSigners
{
    public sealed record Entry(string Serial, DateTimeOffset RevokedAt);

    public static async Task<IReadOnlyList<Entry>> ReadAsync(TokenAuthorityFolder folder, CancellationToken ct)
    {
        if (!File.Exists(folder.RevokedSignersPath))
        {
            return [];
        }

        await using FileStream stream = File.OpenRead(folder.RevokedSignersPath);
        return await JsonSerializer.DeserializeAsync<List<Entry>>(stream, StateJson.Options, ct) ?? [];
    }

    /// <summary>Callers hold the folder lock.</summary>
    public static async Task AddAsync(TokenAuthorityFolder folder, string serialHex, DateTimeOffset at, CancellationToken ct)
    {
        List<Entry> entries = [.. await ReadAsync(folder, ct)];
        if (entries.All(e => !e.Serial.Equals(serialHex, StringComparison.OrdinalIgnoreCase)))
        {
            entries.Add(new Entry(serialHex, at));
        }

        CaDataFolder.WriteAtomically(folder.RevokedSignersPath, JsonSerializer.Serialize(entries, StateJson.Options) + "\n");
    }
}
