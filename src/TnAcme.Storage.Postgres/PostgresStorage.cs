using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using TnAcme.Storage.Sql;

namespace TnAcme.Storage.Postgres;

/// <summary>
/// PostgreSQL, for when one machine is not enough: several TnAcme nodes share one database. Same model as SQLite;
/// its own migrations (this assembly), and writers run concurrently (no group commit: the server orders them).
/// </summary>
public static class PostgresStorage
{
    /// <summary>
    /// A transaction-scoped advisory lock (arbitrary fixed key) orders the issuance log's appends across nodes; jsonb
    /// expands an order's authorization ids.
    /// </summary>
    public static readonly SqlDialect Dialect = new()
    {
        SerializeAppendsSql = "SELECT pg_advisory_xact_lock(727465)",
        OrderAuthorizationIds = """
            "orders" o LEFT JOIN LATERAL jsonb_array_elements_text(o."AuthorizationIdsJson"::jsonb) AS j("value") ON TRUE
            """,
    };

    public static DbContextOptions<TnAcmeDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<TnAcmeDbContext>()
            .UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PostgresStorage).Assembly.GetName().Name))
            .EnableThreadSafetyChecks(false)
            .Options;

    /// <summary>The database at <paramref name="connectionString"/> (Npgsql keywords: Host, Port, Database, Username, Password, …).</summary>
    public static TnAcmeDatabase Open(string connectionString)
    {
        // Npgsql pools physical connections itself; the session pool keeps its own open ones, and server-side prepared
        // statements (auto-prepare) spare PostgreSQL re-planning the issuance path's few statements, unless the
        // operator's connection string already says otherwise.
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }

        string hot = builder.ConnectionString;
        var sql = new SqlSessionPool(() => new NpgsqlConnection(hot), _ => { }, serializeWriters: false, Dialect);
        return new TnAcmeDatabase(new PooledDbContextFactory<TnAcmeDbContext>(Options(connectionString), poolSize: 256), sql);
    }
}

/// <summary>For `dotnet ef migrations add --project src/TnAcme.Storage.Postgres`: no connection is made.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<TnAcmeDbContext>
{
    public TnAcmeDbContext CreateDbContext(string[] args) => new(PostgresStorage.Options("Host=localhost;Database=tnacme_design"));
}

/// <summary>PostgreSQL as a storage backend ("postgres"): several nodes over one database.</summary>
public sealed class PostgresDatabaseProvider : IDatabaseProvider
{
    public const string ProviderName = "postgres";

    public string Name => ProviderName;

    public TnAcmeDatabase Open(DatabaseOptions options, string dataDirectory) =>
        PostgresStorage.Open(options.ConnectionString ?? throw new InvalidOperationException("the postgres database provider needs a connection string (Server:Database:ConnectionString)"));
}
