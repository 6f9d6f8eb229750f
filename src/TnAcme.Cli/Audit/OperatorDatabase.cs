using Microsoft.EntityFrameworkCore;
using TnAcme.Storage;

namespace TnAcme.Cli.Audit;

/// <summary>The operator verbs' way to the CA database in the data folder (the same file `tnacme serve` uses).</summary>
internal static class OperatorDatabase
{
    public static async Task<IDbContextFactory<TnAcmeDbContext>> OpenAsync(string dataDirectory, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDirectory);
        IDbContextFactory<TnAcmeDbContext> factory = StorageSetup.SqliteFactory(Path.Combine(dataDirectory, "tnacme.db"));
        await StorageSetup.MigrateAsync(factory, ct);
        return factory;
    }
}
