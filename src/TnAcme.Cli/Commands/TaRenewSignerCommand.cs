using System.CommandLine;
using System.Text.Json.Nodes;

namespace TnAcme.Cli.Commands;

internal static class TaRenewSignerCommand
{
    public static Command Create()
    {
        var revoke = new Option<bool>("--revoke") { Description = "Put the current signing certificate on the token authority's CRL (its key is thought compromised)" };
        var command = new Command("renew-signer", "Issue a new token-signing certificate under the token authority root; restart a running server to use it") { revoke };
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            try
            {
                string serial = await TaState.Admin(result).RenewSignerAsync(result.GetValue(revoke), ct: cancellationToken);
                CliOutput.Result(json, new JsonObject { ["serial"] = serial, ["revokedPrevious"] = result.GetValue(revoke) },
                    $"new token-signing certificate {serial}{(result.GetValue(revoke) ? "; the previous one is on the CRL" : string.Empty)}. Restart the server to sign with it.");
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
