using System.CommandLine;
using System.Text.Json.Nodes;
using TnAcme.Cli.Audit;
using TnAcme.Storage.Transparency;

namespace TnAcme.Cli.Commands;

/// <summary>`tnacme audit access-log`: who asked the audit API what, and when (operator, on the data folder).</summary>
internal static class AuditAccessLogCommand
{
    public static Command Create()
    {
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only requests at or after this time (RFC 3339)" };
        var limit = new Option<int>("--limit") { Description = "At most this many records", DefaultValueFactory = _ => 1000 };
        var command = new Command("access-log", "Show the audit API's access log: key id, time, request, status, results") { since, limit };
        command.SetAction(async (result, ct) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            var access = new AuditAccessLog(await OperatorDatabase.OpenAsync(CliOptions.Folder(result).Root, ct));
            var records = await access.ListAsync(result.GetValue(since), Math.Clamp(result.GetValue(limit), 1, 100_000), ct);
            var array = new JsonArray([.. records.Select(a => (JsonNode)new JsonObject
            {
                ["at"] = DateTimeOffset.FromUnixTimeMilliseconds(a.At).ToString("O"),
                ["keyId"] = a.KeyId,
                ["method"] = a.Method,
                ["target"] = a.Target,
                ["status"] = a.Status,
                ["results"] = a.Results,
            })]);
            CliOutput.Result(json, new JsonObject { ["records"] = array },
                records.Count == 0 ? "no audit API access recorded" : string.Join('\n', records.Select(a =>
                    $"{DateTimeOffset.FromUnixTimeMilliseconds(a.At):u}  {a.KeyId ?? "(no valid key)",-14}  {a.Status}  {a.Method} {a.Target}  ({a.Results} results)")));
            return ExitCodes.Success;
        });
        return command;
    }
}
