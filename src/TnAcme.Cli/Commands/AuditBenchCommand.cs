using System.CommandLine;
using System.Text.Json.Nodes;
using TnAcme.Cli.Audit;

namespace TnAcme.Cli.Commands;

/// <summary>`tnacme audit bench`: builds a large issuance log in a temporary SQLite database and times appends and queries by number.</summary>
internal static class AuditBenchCommand
{
    public static Command Create()
    {
        var entries = new Option<int>("--entries") { Description = "Certificates to log", DefaultValueFactory = _ => 1_000_000 };
        var queries = new Option<int>("--queries") { Description = "Queries by number to time", DefaultValueFactory = _ => 2_000 };
        var keep = new Option<string?>("--keep-database") { Description = "Write the database here and keep it (default: a temporary file, deleted)" };
        var concurrent = new Option<bool>("--concurrent") { Description = "Integrate while appending, as the server does (default: appends, then integration)" };
        var command = new Command("bench", "Benchmark the issuance log: batched appends/s, integration/s, by-number query latency (docs/performance.md)") { entries, queries, keep, concurrent };
        command.SetAction(async (result, ct) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            int n = result.GetValue(entries), q = result.GetValue(queries);
            if (n is < 1 or > 100_000_000 || q is < 1 or > 1_000_000)
            {
                return CliOutput.Error(json, ExitCodes.Usage, "--entries is 1 to 100,000,000 and --queries 1 to 1,000,000");
            }

            string? kept = result.GetValue(keep);
            string folder = Path.Combine(Path.GetTempPath(), "tnacme-audit-bench-" + Guid.NewGuid().ToString("N")[..12]);
            string path = kept ?? Path.Combine(folder, "log.db");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            try
            {
                JsonObject report = await new LogBench(n, q, result.GetValue(concurrent), Console.Error).RunAsync(path, ct);
                JsonNode p = report["queryMs"]!;
                CliOutput.Result(json, report, $"""
                    issuance log benchmark: {n:N0} certificates, SQLite ({report["databaseMegabytes"]} MB), {report["mode"]}
                      appends (encode + INSERT, batches of 10,000):  {report["appendsPerSecond"]}/s  ({report["appendSeconds"]} s)
                      integration (leaf hash, index, checkpoints):   {report["integratedPerSecond"]}/s  ({report["integrateSeconds"]} s)
                      end to end (until all integrated):            {report["endToEndPerSecond"]}/s  ({report["endToEndSeconds"]} s)
                      {q:N0} queries by number ({report["queriesWithResults"]} with results):  p50 {p["p50"]} ms, p90 {p["p90"]} ms, p99 {p["p99"]} ms, max {p["max"]} ms
                      targets: {report["targets"]!.ToJsonString()}
                    """);
                return ExitCodes.Success;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (kept is null)
                {
                    try
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                    catch (IOException)
                    {
                    }
                }
            }
        });
        return command;
    }
}
