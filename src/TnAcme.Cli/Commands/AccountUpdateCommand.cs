using System.CommandLine;
using TnAcme.Cli.Client;

namespace TnAcme.Cli.Commands;

internal static class AccountUpdateCommand
{
    public static Command Create()
    {
        var contact = new Option<string[]>("--contact") { HelpName = "URL", Description = "New contact URL (replaces all current ones), e.g. mailto:noc@carrier.example; repeatable" };
        var clear = new Option<bool>("--clear-contacts") { Description = "Remove every contact" };
        var command = new Command("update", "Replace the account's contact URLs (RFC 8555 §7.3.2)")
        {
            ClientCliOptions.ClientDir, contact, clear,
        };
        ClientVerb.SetAction(command, async (result, json, ct) =>
        {
            string[] contacts = result.GetValue(contact) ?? [];
            bool clearing = result.GetValue(clear);
            if (contacts.Length == 0 && !clearing)
            {
                throw ClientFailure.Usage("give at least one --contact, or --clear-contacts");
            }

            if (contacts.Length > 0 && clearing)
            {
                throw ClientFailure.Usage("--contact and --clear-contacts contradict each other");
            }

            using ClientSession session = await ClientSession.OpenAsync(result, ct);
            var updated = await session.Account.UpdateContactAsync(contacts, ct);
            var record = session.Record with { Contact = updated.Contact };
            await session.Folder.SaveAccountAsync(record, ct);
            CliOutput.Result(json, AccountJson.Of(session.Folder, record, session.Account),
                $"contacts of {session.Account.Url}: {(updated.Contact.Count == 0 ? "(none)" : string.Join(", ", updated.Contact))}");
            return ExitCodes.Success;
        });
        return command;
    }
}
