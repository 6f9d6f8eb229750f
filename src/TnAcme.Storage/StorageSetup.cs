using System.Data.Common;
using System.Runtime.CompilerServices;
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
    public static DbContextOptions<TnAcmeDbContext> SqliteOptions(string databasePath) =>
        new DbContextOptionsBuilder<TnAcmeDbContext>()
            .UseSqlite(SqliteConnectionString(databasePath, pooling: true), o => o.MigrationsAssembly(typeof(TnAcmeDbContext).Assembly.GetName().Name))
            .AddInterceptors(new SqlitePragmas())
            // Every context is leased by one request at a time (PooledDbContextFactory), never shared across threads.
            .EnableThreadSafetyChecks(false)
            .Options;

    /// <param name="pooling">Microsoft.Data.Sqlite's own pool: for EF's open-per-query use, not for connections kept open.</param>
    private static string SqliteConnectionString(string databasePath, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = pooling,
        DefaultTimeout = 30,
    }.ToString();

    public static IDbContextFactory<TnAcmeDbContext> SqliteFactory(string databasePath) =>
        new PooledDbContextFactory<TnAcmeDbContext>(SqliteOptions(databasePath), poolSize: 256);

    /// <summary>The SQLite database at <paramref name="databasePath"/>: EF contexts plus the hot path's statement pool.</summary>
    public static TnAcmeDatabase OpenSqlite(string databasePath)
    {
        string connectionString = SqliteConnectionString(databasePath, pooling: false);
        var sql = new Sql.SqlSessionPool(
            () => new SqliteConnection(connectionString),
            c => ApplyPragmas(c),
            serializeWriters: true,
            Sql.SqlDialect.Sqlite);
        return new TnAcmeDatabase(SqliteFactory(databasePath), sql, databasePath + "-server.lock");
    }

    private static void ApplyPragmas(DbConnection connection)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// WAL's NORMAL sync is durable against process crashes; busy waits instead of failing; temporary storage in memory:
    /// every write of a group commit runs under a savepoint, whose sub-journal (the pages it changed, kept for a rollback
    /// to the savepoint) otherwise spills to a temporary file past 64 KiB — about eight file writes per issuance. The WAL
    /// is checkpointed every 8,192 pages (32 MiB) instead of SQLite's 1,000: a checkpoint writes each page once however
    /// often it changed since the last one, so the hot pages (table tails, index roots) are written back ~8 times less
    /// often; the price is a longer pause of the writer when it checkpoints (the p99 of the load generator).
    /// </summary>
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=8192;";

    public static async Task MigrateAsync(IDbContextFactory<TnAcmeDbContext> factory, CancellationToken cancellationToken = default)
    {
        await using TnAcmeDbContext db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>
    /// Per-connection settings (<see cref="Pragmas"/>). They belong to the native connection, which Microsoft.Data.Sqlite's pool keeps open across logical opens, so
    /// they are applied once per native connection rather than on every open (every query, under EF).
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        private static readonly ConditionalWeakTable<object, object> Applied = [];
        private static readonly object Marker = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            object? native = (connection as SqliteConnection)?.Handle;
            if (native is not null && Applied.TryGetValue(native, out _))
            {
                return;
            }

            ApplyPragmas(connection);
            if (native is not null)
            {
                Applied.AddOrUpdate(native, Marker);
            }
        }
    }
}

/// <summary>For `dotnet ef migrations add`: a throwaway SQLite database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TnAcmeDbContext>
{
    public TnAcmeDbContext CreateDbContext(string[] args) => new(StorageSetup.SqliteOptions(Path.Combine(Path.GetTempPath(), "tnacme-design.db")));
}
