using System.CommandLine;

namespace TnAcme.Cli.Commands;

/// <summary>
/// The token-authority verbs, registered in one call so Program.cs changes by one line: `ta` (operator), `token`
/// (service provider) and `token-authority` (the server on its own).
/// </summary>
internal static class TokenAuthorityVerbs
{
    public static void AddTo(RootCommand root)
    {
        var account = new Command("account", "Token-authority accounts of service providers");
        account.Subcommands.Add(TaAccountCreateCommand.Create());
        account.Subcommands.Add(TaResetKeyCommand.Create());

        var ta = new Command("ta", "Operate the token authority (STI-PA role): accounts, API keys, granted SPCs, numbers and ranges");
        ta.Subcommands.Add(account);
        ta.Subcommands.Add(TaGrantCommand.Grant());
        ta.Subcommands.Add(TaGrantCommand.Revoke());
        ta.Subcommands.Add(TaListCommand.Create());
        ta.Subcommands.Add(TaRenewSignerCommand.Create());
        root.Subcommands.Add(ta);

        var token = new Command("token", "Authority Tokens for tkauth-01 challenges (RFC 9447, RFC 9448)");
        token.Subcommands.Add(TokenRequestCommand.Create());
        root.Subcommands.Add(token);

        var server = new Command("token-authority", "Run the token authority on its own HTTPS origin");
        server.Subcommands.Add(TokenAuthorityServeCommand.Create());
        root.Subcommands.Add(server);
    }
}
