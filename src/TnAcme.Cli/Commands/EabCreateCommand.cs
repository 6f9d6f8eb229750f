using System.CommandLine;
using System.Text.Json.Nodes;
using TnAcme.Server;
using TnAcme.Stir;

namespace TnAcme.Cli.Commands;

internal static class EabCreateCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Who the key is for, e.g. the carrier's name", Required = true };
        var command = new Command("create", "Create a single-use external account binding key (key id + HMAC key) for a service provider")
        {
            name, ServerConfiguration.DatabaseProvider, ServerConfiguration.DatabaseConnection,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            var database = ServerConfiguration.Database(result, ServerConfiguration.Section(result));
            var key = await ExternalAccountKeys.CreateAsync(CliOptions.Folder(result).Root, result.GetValue(name)!, database, cancellationToken);
            string hmac = Base64Url.Encode(key.HmacKey);
            CliOutput.Result(json,
                new JsonObject { ["keyId"] = key.KeyId, ["hmacKey"] = hmac, ["name"] = key.Name },
                $"external account binding for {key.Name}\n  key id:   {key.KeyId}\n  HMAC key: {hmac}\nGive both to the service provider over a protected channel; the key binds one account, once.");
            return ExitCodes.Success;
        });
        return command;
    }
}
