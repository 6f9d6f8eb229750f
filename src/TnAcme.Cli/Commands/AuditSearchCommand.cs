using System.CommandLine;
using System.Text.Json.Nodes;
using TnAcme.Cli.Audit;

namespace TnAcme.Cli.Commands;

/// <summary>`tnacme audit search`: certificates by number, SPC, serial, account or range, from the audit API.</summary>
internal static class AuditSearchCommand
{
    public static Command Create()
    {
        var o = new AuditorOptions();
        var limit = new Option<int>("--limit") { Description = "At most this many results (pages are followed)", DefaultValueFactory = _ => 1000 };
        var command = new Command("search", "Find logged certificates (needs an auditor key); each result carries its leaf index for `audit verify`");
        foreach (Option option in o.Connection.Concat(o.Filters).Append(limit))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, ct) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            string? query = o.Query(result);
            if (query is null)
            {
                return CliOutput.Error(json, ExitCodes.Usage, "give a filter: --tn, --spc, --serial, --account, --range or --status");
            }

            return await AuditErrors.GuardAsync(json, async () =>
            {
                using AuditServer server = o.Connect(result);
                var items = new JsonArray();
                string? cursor = null;
                long treeSize = 0;
                int max = Math.Max(1, result.GetValue(limit));
                do
                {
                    JsonObject page = await server.JsonAsync($"audit/v1/certificates?{query}&limit={Math.Min(max, 1000)}{(cursor is null ? "" : "&cursor=" + cursor)}", auth: true, ct);
                    treeSize = (long)page["treeSize"]!;
                    foreach (JsonNode? item in page["items"]!.AsArray())
                    {
                        if (items.Count < max)
                        {
                            items.Add(item!.DeepClone());
                        }
                    }

                    cursor = (string?)page["nextCursor"];
                }
                while (cursor is not null && items.Count < max);

                CliOutput.Result(json, new JsonObject { ["treeSize"] = treeSize, ["items"] = items }, Text(items, treeSize));
                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static string Text(JsonArray items, long treeSize)
    {
        if (items.Count == 0)
        {
            return $"no certificates found (tree size {treeSize})";
        }

        IEnumerable<string> lines = items.Select(i =>
        {
            JsonNode e = i!["entry"]!;
            return $"leaf {i["leafIndex"]}  serial {e["serial"]}  {i["status"]}  {e["profile"]}  " +
                   $"[{string.Join(", ", e["tnEntries"]!.AsArray().Select(t => (string?)t))}]  account {e["account"]}  " +
                   $"proved by {string.Join(", ", e["challenges"]!.AsArray().Select(t => (string?)t))}  logged {e["time"]}  valid {e["notBefore"]} → {e["notAfter"]}";
        });
        return $"{items.Count} certificate(s), tree size {treeSize}:\n" + string.Join('\n', lines);
    }
}
