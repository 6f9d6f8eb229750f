using System.CommandLine;

namespace TnAcme.Cli.Commands;

/// <summary>The <c>passport</c> verb group: sign and verify PASSporTs (RFC 8225 / RFC 8588) with STIR certificates.</summary>
internal static class PassportCommand
{
    public static Command Create()
    {
        var passport = new Command("passport", "Sign and verify PASSporTs (RFC 8225, SHAKEN RFC 8588) and SIP Identity headers");
        passport.Subcommands.Add(PassportSignCommand.Create());
        passport.Subcommands.Add(PassportVerifyCommand.Create());
        return passport;
    }
}
