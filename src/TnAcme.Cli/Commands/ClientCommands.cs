using System.CommandLine;

namespace TnAcme.Cli.Commands;

/// <summary>The ACME client verbs (account, order, renew, revoke), for Program.cs to add in one place.</summary>
internal static class ClientCommands
{
    public static IEnumerable<Command> Create()
    {
        var account = new Command("account", "The ACME account of this client (RFC 8555 §7.3): register, show, update, key-change, deactivate");
        account.Subcommands.Add(AccountRegisterCommand.Create());
        account.Subcommands.Add(AccountShowCommand.Create());
        account.Subcommands.Add(AccountUpdateCommand.Create());
        account.Subcommands.Add(AccountKeyChangeCommand.Create());
        account.Subcommands.Add(AccountDeactivateCommand.Create());
        return [account, OrderCommand.Create(), RenewCommand.Create(), RevokeCommand.Create()];
    }
}
