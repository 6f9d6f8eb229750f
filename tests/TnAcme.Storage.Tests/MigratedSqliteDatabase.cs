namespace TnAcme.Storage.Tests;

/// <summary>A test class's own SQLite database in a temporary folder, migrated before each test and deleted after.</summary>
public abstract class MigratedSqliteDatabase : IAsyncLifetime
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory("tnacme-storage-").FullName;

    protected string DatabasePath => Path.Combine(Folder, "tnacme.db");

    protected TnAcmeDatabase Db { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = StorageSetup.OpenSqlite(DatabasePath);
        await StorageSetup.MigrateAsync(Db.Contexts);
    }

    public async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Closes the database and opens it again, as a restarted server would.</summary>
    protected async Task ReopenAsync()
    {
        await Db.DisposeAsync();
        Db = StorageSetup.OpenSqlite(DatabasePath);
    }
}
