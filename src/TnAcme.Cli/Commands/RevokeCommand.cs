using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Acme;
using TnAcme.Acme.Jose;
using TnAcme.Cli.Client;
using TnAcme.Client;
using TnAcme.Client.State;

namespace TnAcme.Cli.Commands;

internal static class RevokeCommand
{
    public static Command Create()
    {
        var cert = new Option<FileInfo?>("--cert") { HelpName = "FILE", Description = "The certificate (PEM; the first certificate of a chain) to revoke" };
        var name = new Option<string?>("--name") { HelpName = "NAME", Description = "Name of a certificate lineage under <client-dir>/certificates/ to revoke" };
        var reason = new Option<RevocationReason?>("--reason")
        {
            HelpName = "REASON",
            Description = "RFC 5280 reason: unspecified, keyCompromise, affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn (default: none given)",
        };
        var certKey = new Option<FileInfo?>("--cert-key") { HelpName = "PEM", Description = "Sign with the certificate's own private key (PEM) instead of the account: works without an account, e.g. after a key compromise" };
        var server = new Option<string?>("--server") { HelpName = "DIRECTORY_URL", Description = "ACME directory URL, with --cert-key when the client folder has no account" };
        var caBundle = new Option<FileInfo?>("--ca-bundle") { HelpName = "PEM", Description = "PEM root(s) to trust for the server's HTTPS, with --server" };
        var command = new Command("revoke", "Revoke a certificate (RFC 8555 §7.6), signed by the account or by the certificate's key")
        {
            ClientCliOptions.ClientDir, cert, name, reason, certKey, server, caBundle,
        };
        ClientVerb.SetAction(command, async (result, json, ct) =>
        {
            ClientFolder folder = ClientCliOptions.Folder(result);
            FileInfo? chain = result.GetValue(cert);
            string? lineageName = result.GetValue(name);
            if ((chain is null) == (lineageName is null))
            {
                throw ClientFailure.Usage("give the certificate: --cert FILE or --name NAME");
            }

            string chainPath = chain?.FullName ?? folder.Lineage(lineageName!).ChainPath;
            if (!File.Exists(chainPath))
            {
                throw ClientFailure.InvalidInput($"no certificate at {chainPath}");
            }

            using X509Certificate2 certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(chainPath, ct));
            RevocationReason? why = result.GetValue(reason);
            string by;
            if (result.GetValue(certKey) is { } keyFile)
            {
                using ECDsa key = await ClientFolder.LoadKeyAsync(keyFile.FullName, ct);
                using AcmeClient client = await ConnectForKeyAsync(result, folder, server, caBundle, ct);
                await client.RevokeWithCertificateKeyAsync(certificate, JwsSigner.ForECDsa(key), why, ct);
                by = "certificate key";
            }
            else
            {
                using ClientSession session = await ClientSession.OpenAsync(result, ct);
                await session.Account.RevokeAsync(certificate, why, ct);
                by = "account";
            }

            DateTimeOffset now = DateTimeOffset.UtcNow;
            CertificateLineage lineage = CertificateLineage.OfChainFile(chainPath);
            if (await lineage.LoadRecordAsync(ct) is { } record && record.Serial == certificate.SerialNumber)
            {
                await lineage.SaveRecordAsync(record with { RevokedAt = now }, ct);
            }

            CliOutput.Result(json,
                new JsonObject
                {
                    ["serial"] = certificate.SerialNumber,
                    ["reason"] = why is { } r ? ReasonName(r) : null,
                    ["revokedAt"] = now.ToString("O"),
                    ["by"] = by,
                    ["certificate"] = chainPath,
                },
                $"revoked {certificate.SerialNumber}{(why is { } given ? $" ({ReasonName(given)})" : string.Empty)}, signed by the {by}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The RFC 5280 spelling (keyCompromise), which PKI people type and read.</summary>
    private static string ReasonName(RevocationReason reason) => reason switch
    {
        RevocationReason.CaCompromise => "cACompromise",
        RevocationReason.AaCompromise => "aACompromise",
        RevocationReason.RemoveFromCrl => "removeFromCRL",
        _ => char.ToLowerInvariant(reason.ToString()[0]) + reason.ToString()[1..],
    };

    private static async Task<AcmeClient> ConnectForKeyAsync(ParseResult result, ClientFolder folder, Option<string?> server, Option<FileInfo?> caBundle, CancellationToken ct)
    {
        if (result.GetValue(server) is { } serverUrl)
        {
            Uri directory = ClientCliOptions.Url(serverUrl, "--server");
            IReadOnlyList<X509Certificate2> roots = result.GetValue(caBundle) is { } bundle ? await ClientFolder.LoadCertificatesAsync(bundle.FullName, ct) : [];
            return await ClientSession.ConnectAsync(directory, roots, ct);
        }

        AccountRecord account = await folder.LoadAccountAsync(ct)
            ?? throw ClientFailure.Usage("--cert-key needs --server (and --ca-bundle) when the client folder has no account");
        return await ClientSession.ConnectAsync(new Uri(account.Server), await folder.LoadCaBundleAsync(ct), ct);
    }
}
