using System.CommandLine;
using System.Security.Cryptography;
using TnAcme.Acme.Jose;
using TnAcme.Cli.Client;
using TnAcme.Client.State;

namespace TnAcme.Cli.Commands;

internal static class AccountKeyChangeCommand
{
    public static Command Create()
    {
        var command = new Command("key-change", "Roll the account over to a new P-256 key (RFC 8555 §7.3.5); tokens must then carry the new fingerprint")
        {
            ClientCliOptions.ClientDir,
        };
        ClientVerb.SetAction(command, async (result, json, ct) =>
        {
            using ClientSession session = await ClientSession.OpenAsync(result, ct);
            using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            string oldFingerprint = session.Account.Fingerprint;

            // The new key is on disk before the server switches, so a crash in between cannot lose the account.
            string pending = session.Folder.AccountKeyPath + ".new";
            await StateFiles.WritePrivateAsync(pending, newKey.ExportPkcs8PrivateKeyPem() + "\n", ct);
            try
            {
                await session.Account.ChangeKeyAsync(JwsSigner.ForECDsa(newKey), ct);
            }
            catch
            {
                File.Delete(pending);
                throw;
            }

            File.Move(pending, session.Folder.AccountKeyPath, overwrite: true);
            var record = session.Record with { Fingerprint = session.Account.Fingerprint };
            await session.Folder.SaveAccountAsync(record, ct);
            var output = AccountJson.Of(session.Folder, record, session.Account);
            output["previousFingerprint"] = oldFingerprint;
            CliOutput.Result(json, output,
                $"""
                account key changed for {session.Account.Url}
                  new fingerprint: {session.Account.Fingerprint}
                  old fingerprint: {oldFingerprint} (tokens bound to it no longer work)
                """);
            return ExitCodes.Success;
        });
        return command;
    }
}
