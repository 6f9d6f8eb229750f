using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace TnAcme.Storage;

/// <summary>Builds the database for a provider and brings its schema up to date (migrations).</summary>
public static class StorageSetup
{
    /// <summary>SQLite in WAL mode: readers never block the writer, and a crash loses no committed transaction.</summary>
    public static DbContextOptions<TnAcmeDbContext> SqliteOptions(string databasePath)
    {
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };
        return new DbContextOptionsBuilder<TnAcmeDbContext>()
            .UseSqlite(connection.ToString(), o => o.MigrationsAssembly(typeof(TnAcmeDbContext).Assembly.GetName().Name))
            .AddInterceptors(new SqlitePragmas())
            .Options;
    }

    public static IDbContextFactory<TnAcmeDbContext> SqliteFactory(string databasePath) =>
        new PooledDbContextFactory<TnAcmeDbContext>(SqliteOptions(databasePath), poolSize: 256);

    public static async Task MigrateAsync(IDbContextFactory<TnAcmeDbContext> factory, CancellationToken cancellationToken = default)
    {
        await using TnAcmeDbContext db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>Per-connection settings: WAL's NORMAL sync is durable against process crashes; busy waits instead of failing.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using DbCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>For `dotnet ef migrations add`: a throwaway SQLite database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TnAcmeDbContext>
{
    public TnAcmeDbContext CreateDbContext(string[] args) => new(StorageSetup.SqliteOptions(Path.Combine(Path.GetTempPath(), "tnacme-design.db")));
}
