using System.CommandLine;
using TnAcme.Cli;
using TnAcme.Cli.Commands;

var root = new RootCommand("tnacme: an ACME certificate authority for telephone numbers (STIR / SHAKEN)");
root.Options.Add(CliOptions.DataDir);
root.Options.Add(CliOptions.ConfigDir);
root.Options.Add(CliOptions.Json);

var ca = new Command("ca", "Operate the certificate authority: hierarchy, offline issuance, revocation, CRLs");
ca.Subcommands.Add(CaInitCommand.Create());
ca.Subcommands.Add(CaIssueCommand.Create());
ca.Subcommands.Add(CaRevokeCommand.Create());
ca.Subcommands.Add(CaCrlCommand.Create());
root.Subcommands.Add(ca);

root.Subcommands.Add(ServeCommand.Create());

var eab = new Command("eab", "External account binding keys for service providers (RFC 8555 §7.3.4)");
eab.Subcommands.Add(EabCreateCommand.Create());
root.Subcommands.Add(eab);

var cert = new Command("cert", "Inspect certificates and certificate requests");
cert.Subcommands.Add(CertShowCommand.Create());
root.Subcommands.Add(cert);

// ACME client verbs: account, order, renew, revoke (Commands/ClientCommands.cs).
foreach (Command clientVerb in ClientCommands.Create())
{
    root.Subcommands.Add(clientVerb);
}
// Token authority (STI-PA role): `ta`, `token request`, `token-authority serve`.
TokenAuthorityVerbs.AddTo(root);

var callback = new Command("callback", "tn-callback-01 (proof of number possession): the development outbox");
callback.Subcommands.Add(CallbackOutboxCommand.Create());
root.Subcommands.Add(callback);

root.Subcommands.Add(PassportCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(AuditCommand.Create());

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
    {
        Console.Error.WriteLine($"tnacme: {error.Message}");
    }

    Console.Error.WriteLine("Run 'tnacme --help' (or 'tnacme <verb> --help') for usage.");
    return ExitCodes.Usage;
}

return await parsed.InvokeAsync();
