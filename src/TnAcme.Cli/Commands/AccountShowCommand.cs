using System.CommandLine;
using System.Text.Json.Nodes;
using TnAcme.Cli.Client;

namespace TnAcme.Cli.Commands;

internal static class AccountShowCommand
{
    public static Command Create()
    {
        var command = new Command("show", "Show the account as the server sees it: status, contacts, the fingerprint tokens must carry, and the certificates kept here")
        {
            ClientCliOptions.ClientDir,
        };
        ClientVerb.SetAction(command, async (result, json, ct) =>
        {
            using ClientSession session = await ClientSession.OpenAsync(result, ct);
            await session.Account.RefreshAsync(ct);
            IReadOnlyList<string> orders = await session.Account.ListOrdersAsync(cancellationToken: ct);
            string[] lineages = Directory.Exists(session.Folder.CertificatesDirectory)
                ? [.. Directory.EnumerateDirectories(session.Folder.CertificatesDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
                : [];
            JsonObject output = AccountJson.Of(session.Folder, session.Record, session.Account);
            output["orders"] = orders.Count;
            output["certificates"] = new JsonArray([.. lineages.Select(l => (JsonNode?)l)]);
            CliOutput.Result(json, output,
                $"""
                account {session.Account.Url}
                  server:       {session.Record.Server}
                  status:       {session.Account.Resource!.Status}
                  contact:      {(session.Account.Resource.Contact.Count == 0 ? "(none)" : string.Join(", ", session.Account.Resource.Contact))}
                  fingerprint:  {session.Account.Fingerprint}
                  orders:       {orders.Count}
                  certificates: {(lineages.Length == 0 ? "(none)" : string.Join(", ", lineages))}   under {session.Folder.CertificatesDirectory}
                """);
            return ExitCodes.Success;
        });
        return command;
    }
}
