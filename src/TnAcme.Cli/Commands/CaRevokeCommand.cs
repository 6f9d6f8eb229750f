using System.CommandLine;
using System.Text.Json.Nodes;
using TnAcme.Acme;
using TnAcme.Issuance.Crl;

namespace TnAcme.Cli.Commands;

internal static class CaRevokeCommand
{
    public static Command Create()
    {
        var serial = new Option<string>("--serial") { Description = "Serial number of the certificate (hex)", Required = true };
        var reason = new Option<RevocationReason>("--reason") { Description = "RFC 5280 reason code name", DefaultValueFactory = _ => RevocationReason.Unspecified };
        var command = new Command("revoke", "Record a revocation; it appears on the next CRL") { serial, reason };
        command.SetAction(result =>
        {
            bool json = result.GetValue(CliOptions.Json);
            try
            {
                RevokedCertificate entry = new RevocationRegistry(CliOptions.Folder(result))
                    .Revoke(result.GetValue(serial)!, result.GetValue(reason), DateTimeOffset.UtcNow);
                CliOutput.Result(json,
                    new JsonObject { ["serial"] = entry.SerialHex, ["reason"] = entry.Reason.ToString(), ["revokedAt"] = entry.RevokedAt.ToString("O") },
                    $"revoked {entry.SerialHex} ({entry.Reason})");
                return ExitCodes.Success;
            }
            catch (FormatException)
            {
                return CliOutput.Error(json, ExitCodes.InvalidInput, "the serial must be hexadecimal");
            }
            catch (InvalidOperationException e)
            {
                return CliOutput.Error(json, ExitCodes.State, e.Message);
            }
        });
        return command;
    }
}
