using System.CommandLine;
using System.Text.Json.Nodes;
using TnAcme.TokenAuthority;

namespace TnAcme.Cli.Commands;

internal static class TaResetKeyCommand
{
    public static Command Create()
    {
        var account = new Option<string>("--account") { Description = "Account id", Required = true };
        var command = new Command("reset-key", "Replace an account's API key (a leaked key stops working at once); prints the new key once") { account };
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            string id = result.GetValue(account)!;
            try
            {
                string key = await TaState.Admin(result).ResetApiKeyAsync(id, cancellationToken);
                CliOutput.Result(json, new JsonObject { ["id"] = id, ["apiKey"] = key }, $"new API key for {id}: {key}\nThe key is shown only now.");
                return ExitCodes.Success;
            }
            catch (TokenAuthorityAdminException e)
            {
                return CliOutput.Error(json, ExitCodes.State, e.Message);
            }
        });
        return command;
    }
}
