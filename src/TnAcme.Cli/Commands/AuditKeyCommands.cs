using System.CommandLine;
using System.Text.Json.Nodes;
using TnAcme.Cli.Audit;
using TnAcme.Storage.Transparency;

namespace TnAcme.Cli.Commands;

/// <summary>`tnacme audit key create|revoke|list`: auditor API keys, managed by the operator on the data folder.</summary>
internal static class AuditKeyCommands
{
    public static Command Create()
    {
        var key = new Command("key", "Auditor API keys (read-only access to entry contents and search)");
        key.Subcommands.Add(CreateKey());
        key.Subcommands.Add(RevokeKey());
        key.Subcommands.Add(ListKeys());
        return key;
    }

    private static Command CreateKey()
    {
        var name = new Option<string>("--name") { Description = "Who the key is for, e.g. \"State PUC\" or \"Carrier X compliance\"", Required = true };
        var command = new Command("create", "Create an auditor API key; the key is printed once and only its hash is kept") { name };
        command.SetAction(async (result, ct) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            var keys = new AuditorKeys(await OperatorDatabase.OpenAsync(CliOptions.Folder(result).Root, ct));
            var (id, apiKey) = await keys.CreateAsync(result.GetValue(name)!, ct);
            CliOutput.Result(json, new JsonObject { ["id"] = id, ["name"] = result.GetValue(name), ["apiKey"] = apiKey },
                $"auditor key {id} for {result.GetValue(name)}\n  key: {apiKey}\nGive it to the auditor over a protected channel; it is not shown again (only its SHA-256 is stored).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var id = new Option<string>("--id") { Description = "The key's id (from create or list)", Required = true };
        var command = new Command("revoke", "Revoke an auditor API key at once") { id };
        command.SetAction(async (result, ct) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            var keys = new AuditorKeys(await OperatorDatabase.OpenAsync(CliOptions.Folder(result).Root, ct));
            if (!await keys.RevokeAsync(result.GetValue(id)!, ct))
            {
                return CliOutput.Error(json, ExitCodes.State, $"no unrevoked auditor key with id {result.GetValue(id)}");
            }

            CliOutput.Result(json, new JsonObject { ["id"] = result.GetValue(id), ["revoked"] = true }, $"revoked auditor key {result.GetValue(id)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListKeys()
    {
        var command = new Command("list", "List auditor API keys (ids, names, dates; never secrets)");
        command.SetAction(async (result, ct) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            var keys = await new AuditorKeys(await OperatorDatabase.OpenAsync(CliOptions.Folder(result).Root, ct)).ListAsync(ct);
            var array = new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject
            {
                ["id"] = k.Id,
                ["name"] = k.Name,
                ["createdAt"] = DateTimeOffset.FromUnixTimeMilliseconds(k.CreatedAt).ToString("O"),
                ["revokedAt"] = k.RevokedAt is long r ? DateTimeOffset.FromUnixTimeMilliseconds(r).ToString("O") : null,
            })]);
            CliOutput.Result(json, new JsonObject { ["keys"] = array },
                keys.Count == 0 ? "no auditor keys" : string.Join('\n', keys.Select(k => $"{k.Id}  {k.Name}{(k.RevokedAt is null ? "" : "  (revoked)")}")));
            return ExitCodes.Success;
        });
        return command;
    }
}
