using System.Security.Cryptography;
using TnAcme.Acme;
using TnAcme.Storage;
using TnAcme.Storage.Stores;

namespace TnAcme.Server;

/// <summary>Operator side of external account binding: `tnacme eab create` writes a key the carrier then uses once.</summary>
public static class ExternalAccountKeys
{
    public static async Task<ExternalAccountKey> CreateAsync(string dataDirectory, string name, CancellationToken ct = default)
    {
        Directory.CreateDirectory(dataDirectory);
        var factory = StorageSetup.SqliteFactory(Path.Combine(dataDirectory, "tnacme.db"));
        await StorageSetup.MigrateAsync(factory, ct);
        var key = new ExternalAccountKey
        {
            KeyId = "eab-" + Ids.New()[..16],
            Name = name,
            HmacKey = RandomNumberGenerator.GetBytes(32),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await new EfExternalAccountKeyStore(factory).CreateAsync(key, ct);
        return key;
    }
}
