using System.CommandLine;

namespace TnAcme.Cli.Commands;

/// <summary>`tnacme audit …`: the issuance log for operators (keys, access log, benchmark) and auditors (search, verify).</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var audit = new Command("audit", "The issuance transparency log: auditor keys and access log (operator); search and verify (auditor)");
        audit.Subcommands.Add(AuditKeyCommands.Create());
        audit.Subcommands.Add(AuditAccessLogCommand.Create());
        audit.Subcommands.Add(AuditSearchCommand.Create());
        audit.Subcommands.Add(AuditVerifyCommand.Create());
        audit.Subcommands.Add(AuditBenchCommand.Create());
        return audit;
    }
}
