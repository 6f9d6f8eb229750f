using System.CommandLine;
using System.Text.Json.Nodes;
using TnAcme.TokenAuthority.Grants;

namespace TnAcme.Cli.Commands;

internal static class TaListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the token authority's accounts and their grants (never API keys)");
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            try
            {
                IReadOnlyList<TaAccount> accounts = await TaState.Admin(result).ListAsync(cancellationToken);
                string text = accounts.Count == 0
                    ? "no token authority accounts (create one: tnacme ta account create --name \"Carrier X\")"
                    : string.Join("\n", accounts.Select(TaState.Text));
                CliOutput.Result(json, new JsonObject { ["accounts"] = new JsonArray([.. accounts.Select(a => (JsonNode)TaState.Json(a))]) }, text);
                return ExitCodes.Success;
            }
            catch (InvalidOperationException e)
            {
                return CliOutput.Error(json, ExitCodes.State, e.Message);
            }
        });
        return command;
    }
}
