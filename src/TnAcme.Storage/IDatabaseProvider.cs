namespace TnAcme.Storage;

/// <summary>A storage backend: opens the database the options name. A new backend is a new implementation.</summary>
public interface IDatabaseProvider
{
    /// <summary>The name operators configure (<see cref="DatabaseOptions.Provider"/>).</summary>
    string Name { get; }

    TnAcmeDatabase Open(DatabaseOptions options, string dataDirectory);
}

/// <summary>Where the CA keeps its ACME state (configuration section "Server:Database").</summary>
public sealed record DatabaseOptions
{
    /// <summary>"sqlite" (the default: tnacme.db in the data folder) or "postgres".</summary>
    public string Provider { get; init; } = SqliteDatabaseProvider.ProviderName;

    /// <summary>
    /// For server databases, e.g. "Host=db;Database=tnacme;Username=tnacme" (Npgsql keywords). Give the password
    /// through the environment (TNACME__SERVER__DATABASE__CONNECTIONSTRING), not a file; it is never logged.
    /// </summary>
    public string? ConnectionString { get; init; }
}

/// <summary>The embedded default: SQLite in WAL mode in the data folder, one node.</summary>
public sealed class SqliteDatabaseProvider : IDatabaseProvider
{
    public const string ProviderName = "sqlite";

    public string Name => ProviderName;

    public TnAcmeDatabase Open(DatabaseOptions options, string dataDirectory) =>
        StorageSetup.OpenSqlite(options.ConnectionString ?? Path.Combine(dataDirectory, "tnacme.db"));
}
