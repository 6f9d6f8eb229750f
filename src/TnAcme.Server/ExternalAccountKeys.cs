using System.Security.Cryptography;
using TnAcme.Acme;
using TnAcme.Storage;
using TnAcme.Storage.Stores;

namespace TnAcme.Server;

/// <summary>Operator side of external account binding: `tnacme eab create` writes a key the carrier then uses once.</summary>
public static class ExternalAccountKeys
{
    /// <param name="database">The server's database; SQLite in <paramref name="dataDirectory"/> when null.</param>
    public static async Task<ExternalAccountKey> CreateAsync(string dataDirectory, string name, DatabaseOptions? database = null, CancellationToken ct = default)
    {
        Directory.CreateDirectory(dataDirectory);
        await using TnAcmeDatabase db = await DatabaseProviders.OpenAsync(database ?? new DatabaseOptions(), dataDirectory, ct);
        var key = new ExternalAccountKey
        {
            KeyId = "eab-" + Ids.New()[..16],
            Name = name,
            HmacKey = RandomNumberGenerator.GetBytes(32),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await new EfExternalAccountKeyStore(db.Contexts).CreateAsync(key, ct);
        return key;
    }
}
