using TnAcme.Storage;
using TnAcme.Storage.Postgres;

namespace TnAcme.Server;

/// <summary>The storage backends this build offers, by the name operators configure.</summary>
public static class DatabaseProviders
{
    public static IReadOnlyList<IDatabaseProvider> All { get; } = [new SqliteDatabaseProvider(), new PostgresDatabaseProvider()];

    public static IDatabaseProvider? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Opens the configured database and brings its schema up to date.</summary>
    public static async Task<TnAcmeDatabase> OpenAsync(DatabaseOptions options, string dataDirectory, CancellationToken cancellationToken)
    {
        IDatabaseProvider provider = Find(options.Provider)
            ?? throw new InvalidOperationException($"unknown database provider '{options.Provider}'; known: {string.Join(", ", All.Select(p => p.Name))}");
        TnAcmeDatabase db = provider.Open(options, dataDirectory);
        try
        {
            await StorageSetup.MigrateAsync(db.Contexts, cancellationToken);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}
