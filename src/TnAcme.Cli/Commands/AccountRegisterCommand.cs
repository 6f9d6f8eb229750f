using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Acme.Jose;
using TnAcme.Cli.Client;
using TnAcme.Client;
using TnAcme.Client.State;

namespace TnAcme.Cli.Commands;

internal static class AccountRegisterCommand
{
    public static Command Create()
    {
        var server = new Option<string>("--server") { HelpName = "DIRECTORY_URL", Description = "The CA's ACME directory URL, e.g. https://127.0.0.1:8443/acme/directory", Required = true };
        var caBundle = new Option<FileInfo?>("--ca-bundle") { HelpName = "PEM", Description = "PEM root(s) to trust for the server's HTTPS besides the system store (a development CA); kept in the client folder for later verbs" };
        var eabKid = new Option<string?>("--eab-kid") { HelpName = "KID", Description = "External account binding key id, as the CA gave it (RFC 8555 §7.3.4; a SHAKEN CA requires one)" };
        var eabHmac = new Option<string?>("--eab-hmac") { HelpName = "KEY", Description = "External account binding HMAC key (base64url), as the CA gave it" };
        var contact = new Option<string[]>("--contact") { HelpName = "URL", Description = "Contact URL, e.g. mailto:pki@carrier.example; repeatable" };
        var agreeTos = new Option<bool>("--agree-tos") { Description = "Agree to the CA's terms of service (required when its directory names some)" };
        var command = new Command("register", "Create the ACME account: a new P-256 account key (0600) and account.json in the client folder")
        {
            ClientCliOptions.ClientDir, server, caBundle, eabKid, eabHmac, contact, agreeTos,
        };
        ClientVerb.SetAction(command, async (result, json, ct) =>
        {
            ClientFolder folder = ClientCliOptions.Folder(result);
            if (folder.HasAccount)
            {
                throw ClientFailure.State($"{folder.Root} already holds an account ({folder.AccountPath}); use another --client-dir, or 'tnacme account show'");
            }

            string? kid = result.GetValue(eabKid);
            string? hmac = result.GetValue(eabHmac);
            if ((kid is null) != (hmac is null))
            {
                throw ClientFailure.Usage("--eab-kid and --eab-hmac go together");
            }

            ExternalAccountCredentials? eab;
            try
            {
                eab = kid is null ? null : ExternalAccountCredentials.FromText(kid, hmac!);
            }
            catch (FormatException e)
            {
                throw ClientFailure.InvalidInput(e.Message);
            }

            IReadOnlyList<X509Certificate2> roots = result.GetValue(caBundle) is { } bundle
                ? await ClientFolder.LoadCertificatesAsync(bundle.FullName, ct)
                : [];
            try
            {
                Uri directory = ClientCliOptions.Url(result.GetValue(server)!, "--server");
                using AcmeClient client = await ClientSession.ConnectAsync(directory, roots, ct);
                if (client.Directory.Meta?.TermsOfService is { } terms && !result.GetValue(agreeTos))
                {
                    throw ClientFailure.Usage($"the CA's terms of service are at {terms}; read them and add --agree-tos");
                }

                if (client.Directory.Meta?.ExternalAccountRequired == true && eab is null)
                {
                    throw ClientFailure.Usage("this CA requires external account binding: give --eab-kid and --eab-hmac");
                }

                // The key is saved before the server knows it: after a crash, registering again with the same key finds the account.
                using ECDsa key = await folder.LoadAccountKeyAsync(ct) ?? ECDsa.Create(ECCurve.NamedCurves.nistP256);
                await folder.SaveAccountKeyAsync(key, ct);
                if (roots.Count > 0)
                {
                    await StateFiles.WritePublicAsync(folder.CaBundlePath, string.Concat(roots.Select(r => r.ExportCertificatePem() + "\n")), ct);
                }

                AcmeAccount account = await client.RegisterAsync(JwsSigner.ForECDsa(key), new AccountRegistration
                {
                    Contact = result.GetValue(contact) ?? [],
                    TermsOfServiceAgreed = result.GetValue(agreeTos),
                    ExternalAccount = eab,
                }, ct);
                var record = new AccountRecord
                {
                    Server = directory.ToString(),
                    AccountUrl = account.Url,
                    Fingerprint = account.Fingerprint,
                    Contact = account.Resource?.Contact ?? [],
                    ExternalAccountKeyId = eab?.KeyId,
                    CaBundle = roots.Count > 0 ? Path.GetFileName(folder.CaBundlePath) : null,
                    CreatedAt = DateTimeOffset.UtcNow,
                    Status = account.Resource?.Status ?? "valid",
                };
                await folder.SaveAccountAsync(record, ct);

                CliOutput.Result(json, AccountJson.Of(folder, record, account),
                    $"""
                    account {(account.Created ? "registered" : "found (this key already had one)")}: {account.Url}
                      status:      {record.Status}
                      fingerprint: {account.Fingerprint}   (what Authority Tokens for this account are bound to)
                      key:         {folder.AccountKeyPath} (0600)
                    """);
                return ExitCodes.Success;
            }
            finally
            {
                foreach (X509Certificate2 root in roots)
                {
                    root.Dispose();
                }
            }
        });
        return command;
    }
}
