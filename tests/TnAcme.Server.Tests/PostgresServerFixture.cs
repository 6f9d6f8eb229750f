using Npgsql;

namespace TnAcme.Server.Tests;

/// <summary>
/// The server on PostgreSQL: a fresh database per fixture on the server named by TNACME_TEST_POSTGRES (an Npgsql
/// connection string of a role that may create databases; scripts/test starts PostgreSQL and sets it), dropped after.
/// </summary>
public sealed class PostgresServerFixture : ServerFixture
{
    public const string Variable = "TNACME_TEST_POSTGRES";

    private readonly string _name = "tnacme_test_" + Guid.NewGuid().ToString("N")[..12];

    protected override async Task<TnAcme.Storage.DatabaseOptions> CreateDatabaseAsync()
    {
        await using (NpgsqlConnection admin = await OpenAdminAsync())
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        var target = new NpgsqlConnectionStringBuilder(AdminConnectionString()) { Database = _name };
        return new TnAcme.Storage.DatabaseOptions { Provider = "postgres", ConnectionString = target.ConnectionString };
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using NpgsqlConnection admin = await OpenAdminAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static string AdminConnectionString() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: these tests run the integration suite on PostgreSQL. Run scripts/test, which starts PostgreSQL and sets it.");

    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync();
        return connection;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresServerCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "server on PostgreSQL";
}
