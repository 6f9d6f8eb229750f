using System.CommandLine;
using TnAcme.Cli.Audit;

namespace TnAcme.Cli.Commands;

/// <summary>`tnacme audit verify`: checks the log's signed checkpoint, its consistency with the last one seen, and inclusion of results.</summary>
internal static class AuditVerifyCommand
{
    public static Command Create()
    {
        var o = new AuditorOptions();
        var stateDir = new Option<string?>("--state-dir") { Description = "Where the pinned log key and the last verified checkpoint are kept (default $XDG_STATE_HOME/tnacme/audit)" };
        var logKey = new Option<string?>("--log-key") { Description = "The log's verifier key (name+id+key) to trust instead of pinning on first use" };
        var all = new Option<bool>("--all") { Description = "Also fetch every entry (needs an auditor key) and recompute the root from them" };
        var command = new Command("verify",
            "Verify the issuance log: checkpoint signature (pinned key), consistency with the last checkpoint seen, inclusion of each search result; exit 10 on tampering");
        foreach (Option option in o.Connection.Concat(o.Filters).Append(stateDir).Append(logKey).Append(all))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, ct) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            return await AuditErrors.GuardAsync(json, async () =>
            {
                using AuditServer server = o.Connect(result);
                string? query = o.Query(result);
                if ((query is not null || result.GetValue(all)) && !server.HasApiKey)
                {
                    return CliOutput.Error(json, ExitCodes.Usage, "checking search results or --all needs an auditor key: --api-key-file or --api-key-env");
                }

                var state = new AuditorState(result.GetValue(stateDir), server.Base);
                LogAuditReport report = await new LogAudit(server, state).RunAsync(result.GetValue(logKey), query, result.GetValue(all), ct);
                CliOutput.Result(json, report.ToJson(), report.ToText(server.Base));
                return report.Ok ? ExitCodes.Success : ExitCodes.LogTampered;
            });
        });
        return command;
    }
}
