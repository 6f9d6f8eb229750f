using System.CommandLine;
using Microsoft.Extensions.Configuration;
using TnAcme.Storage;

namespace TnAcme.Cli.Commands;

/// <summary>
/// The server's configuration as `serve` and the operator verbs that share its database read it: ca-config's
/// server.json, then TNACME__SERVER__… environment variables, then switches.
/// </summary>
internal static class ServerConfiguration
{
    public static readonly Option<string?> DatabaseProvider = new("--database-provider")
    {
        Description = "Storage backend: sqlite (default, tnacme.db in the data folder) or postgres",
    };

    public static readonly Option<string?> DatabaseConnection = new("--database")
    {
        Description = "Connection string of a server database (prefer TNACME__SERVER__DATABASE__CONNECTIONSTRING for passwords)",
    };

    public static IConfigurationSection Section(ParseResult result) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(CliOptions.ConfigDirectory(result), "server.json"), optional: true)
            .AddEnvironmentVariables("TNACME__")
            .Build()
            .GetSection("Server");

    public static DatabaseOptions Database(ParseResult result, IConfigurationSection section)
    {
        DatabaseOptions configured = section.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        return configured with
        {
            Provider = result.GetValue(DatabaseProvider) ?? configured.Provider,
            ConnectionString = result.GetValue(DatabaseConnection) ?? configured.ConnectionString,
        };
    }
}
