using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Cli.Client;
using TnAcme.Client.AuthorityTokens;
using TnAcme.Client.Callback;
using TnAcme.Client.Issuance;
using TnAcme.Client.State;

namespace TnAcme.Cli.Commands;

internal static class RenewCommand
{
    public static Command Create()
    {
        var cert = new Option<FileInfo?>("--cert") { HelpName = "FILE", Description = "chain.pem of the certificate to renew (its folder holds certificate.json and key.pem); renewed now" };
        var name = new Option<string?>("--name") { HelpName = "NAME", Description = "Name of the certificate lineage under <client-dir>/certificates/ to renew now" };
        var force = new Option<bool>("--force") { Description = "Without --cert/--name: renew every certificate, due or not" };
        var profile = new Option<string?>("--profile") { HelpName = "NAME", Description = "Profile for the new certificate (default: the one it was issued with)" };
        var command = new Command("renew", "Renew: order the same numbers, profile and CA flag with a new key, and replace key.pem and chain.pem. Without --cert/--name, renews every certificate in the client folder with less than a third of its lifetime left")
        {
            ClientCliOptions.ClientDir, cert, name, force, profile,
        };
        foreach (Option option in TokenSourceOptions.All)
        {
            command.Options.Add(option);
        }

        ClientVerb.SetAction(command, async (result, json, ct) =>
        {
            using ClientSession session = await ClientSession.OpenAsync(result, ct);
            List<CertificateLineage> lineages = Targets(result, session.Folder, cert, name, out bool explicitTarget);
            var renewed = new JsonArray();
            var skipped = new JsonArray();
            string text = string.Empty;
            foreach (CertificateLineage lineage in lineages)
            {
                CertificateRecord record = await lineage.LoadRecordAsync(ct)
                    ?? throw ClientFailure.State($"{lineage.RecordPath} is missing: only certificates obtained with 'tnacme order' can be renewed");
                if (!string.Equals(record.Server, session.Record.Server, StringComparison.Ordinal))
                {
                    throw ClientFailure.State($"{record.Name} came from {record.Server}, but this client's account is at {session.Record.Server}");
                }

                using X509Certificate2 current = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(lineage.ChainPath, ct));
                if (!explicitTarget && !result.GetValue(force) && !IsDue(current, DateTimeOffset.UtcNow))
                {
                    skipped.Add(record.Name);
                    continue;
                }

                if (TokenSourceOptions.Chosen(result) is null && record.TokenSource is null && record.Callback is { } callback)
                {
                    // Proven by possession: the CA sends a new code to the number; the same channel and code command.
                    StderrProgress.Instance.Report($"renewing {record.Name} with tn-callback-01 (serial {current.SerialNumber}, valid until {current.NotAfter.ToUniversalTime():u})");
                    ICallbackCodeSource codes = callback.CodeCommand is null ? new ConsoleCallbackCodeSource() : new CommandCallbackCodeSource(callback.CodeCommand);
                    IssuedCertificate byCallback = await session.Account.IssueAsync(
                        CertificateOrderRequest.RenewalOf(current, result.GetValue(profile) ?? record.Profile), new CallbackProof(callback.Channel, codes), ct);
                    CertificateRecord renewedRecord = CertificateRecord.Of(record.Name, record.Server, byCallback, null, DateTimeOffset.UtcNow) with { Callback = callback };
                    await lineage.SaveAsync(byCallback, renewedRecord, ct);
                    JsonObject callbackEntry = CertificateJson.Of(lineage, renewedRecord);
                    callbackEntry["previousSerial"] = current.SerialNumber;
                    renewed.Add(callbackEntry);
                    text += CertificateJson.Text("renewed", lineage, renewedRecord) + "\n";
                    continue;
                }

                TokenSourceRecord tokenRecord = TokenSourceOptions.Chosen(result) ?? record.TokenSource
                    ?? throw ClientFailure.Usage($"{record.Name} remembers no token source: give --token-file, --token-command or --token-authority");
                IAuthorityTokenSource tokens = await TokenSourceOptions.CreateAsync(tokenRecord, result, session.TrustedRoots, ct);
                try
                {
                    StderrProgress.Instance.Report($"renewing {record.Name} (serial {current.SerialNumber}, valid until {current.NotAfter.ToUniversalTime():u})");
                    IssuedCertificate issued = await session.Account.RenewAsync(current, result.GetValue(profile) ?? record.Profile, tokens, ct);
                    CertificateRecord next = CertificateRecord.Of(record.Name, record.Server, issued, tokenRecord, DateTimeOffset.UtcNow);
                    await lineage.SaveAsync(issued, next, ct);
                    JsonObject entry = CertificateJson.Of(lineage, next);
                    entry["previousSerial"] = current.SerialNumber;
                    renewed.Add(entry);
                    text += CertificateJson.Text("renewed", lineage, next) + "\n";
                }
                finally
                {
                    (tokens as IDisposable)?.Dispose();
                }
            }

            if (explicitTarget)
            {
                CliOutput.Result(json, renewed[0]!.AsObject(), text.TrimEnd());
            }
            else
            {
                CliOutput.Result(json, new JsonObject { ["renewed"] = renewed, ["notDue"] = skipped },
                    renewed.Count == 0 ? $"nothing due for renewal ({skipped.Count} certificate(s) checked)" : text.TrimEnd());
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Due with a third of the lifetime left: for a 24-hour certificate, 8 hours; for a year, four months.</summary>
    public static bool IsDue(X509Certificate2 certificate, DateTimeOffset now)
    {
        DateTimeOffset start = certificate.NotBefore.ToUniversalTime();
        DateTimeOffset end = certificate.NotAfter.ToUniversalTime();
        return end - now < (end - start) / 3;
    }

    private static List<CertificateLineage> Targets(ParseResult result, ClientFolder folder, Option<FileInfo?> cert, Option<string?> name, out bool explicitTarget)
    {
        FileInfo? chain = result.GetValue(cert);
        string? lineageName = result.GetValue(name);
        explicitTarget = chain is not null || lineageName is not null;
        if (chain is not null && lineageName is not null)
        {
            throw ClientFailure.Usage("give --cert or --name, not both");
        }

        if (chain is not null)
        {
            return [CertificateLineage.OfChainFile(chain.FullName)];
        }

        if (lineageName is not null)
        {
            CertificateLineage named = folder.Lineage(lineageName);
            return named.Exists ? [named] : throw ClientFailure.State($"no certificate named '{lineageName}' in {folder.CertificatesDirectory}");
        }

        return Directory.Exists(folder.CertificatesDirectory)
            ? [.. Directory.EnumerateDirectories(folder.CertificatesDirectory).Order(StringComparer.Ordinal).Select(d => new CertificateLineage(d)).Where(l => l.Exists)]
            : [];
    }
}
