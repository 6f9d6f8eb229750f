using System.CommandLine;
using TnAcme.Cli.Client;

namespace TnAcme.Cli.Commands;

internal static class AccountDeactivateCommand
{
    public static Command Create()
    {
        var yes = new Option<bool>("--yes") { Description = "Confirm: deactivation cannot be undone (RFC 8555 §7.3.6); issued certificates stay valid" };
        var command = new Command("deactivate", "Deactivate the account for good; the server refuses all its requests afterwards")
        {
            ClientCliOptions.ClientDir, yes,
        };
        ClientVerb.SetAction(command, async (result, json, ct) =>
        {
            if (!result.GetValue(yes))
            {
                throw ClientFailure.Usage("deactivation cannot be undone; add --yes to confirm");
            }

            using ClientSession session = await ClientSession.OpenAsync(result, ct);
            var resource = await session.Account.DeactivateAsync(ct);
            var record = session.Record with { Status = resource.Status };
            await session.Folder.SaveAccountAsync(record, ct);
            CliOutput.Result(json, AccountJson.Of(session.Folder, record, session.Account),
                $"account {session.Account.Url} is {resource.Status}; register a new one (another --client-dir) to order again");
            return ExitCodes.Success;
        });
        return command;
    }
}
