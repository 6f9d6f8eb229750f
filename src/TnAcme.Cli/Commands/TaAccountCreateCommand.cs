using System.CommandLine;
using TnAcme.TokenAuthority;
using TnAcme.TokenAuthority.Grants;

namespace TnAcme.Cli.Commands;

internal static class TaAccountCreateCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Who the account is for, e.g. the carrier's name", Required = true };
        var id = new Option<string?>("--id") { Description = "Account id for the token URL (the STI-PA uses the OCN); default: random" };
        var mayDelegate = new Option<bool>("--may-delegate") { Description = "Let every grant of the account be delegated (tokens with ca: true, for RFC 9060 delegate CAs)" };
        var command = new Command("create", "Create a token-authority account; prints its id and API key, which is shown only this once") { name, id, mayDelegate };
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            try
            {
                CreatedTaAccount created = await TaState.Admin(result).CreateAccountAsync(result.GetValue(name)!, result.GetValue(mayDelegate), result.GetValue(id), cancellationToken);
                var output = TaState.Json(created.Account);
                output["apiKey"] = created.ApiKey;
                CliOutput.Result(json, output,
                    $"token authority account for {created.Account.Name}\n  account id: {created.Account.Id}\n  API key:    {created.ApiKey}\n" +
                    "The key is shown only now (the token authority keeps its hash). Give it to the service provider over a protected channel,\n" +
                    $"then grant numbers: tnacme ta grant --account {created.Account.Id} --spc 1234");
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
