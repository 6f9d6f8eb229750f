using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using TnAcme.Issuance.Hierarchy;

namespace TnAcme.Cli.Commands;

internal static class CaInitCommand
{
    public static Command Create()
    {
        var importRoot = new Option<FileInfo?>("--import-root") { Description = "Import this root CA certificate (PEM) instead of generating one" };
        var importCert = new Option<FileInfo?>("--import-issuing-cert") { Description = "Import this issuing CA certificate (PEM)" };
        var importKey = new Option<FileInfo?>("--import-issuing-key") { Description = "Import this issuing CA private key (PEM, P-256)" };
        var command = new Command("init", "Create a P-256 root and issuing CA in the data folder, or import existing ones")
        {
            importRoot, importCert, importKey,
        };
        foreach (Option option in Pkcs11Options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            CaDataFolder folder = CliOptions.Folder(result);
            try
            {
                FileInfo? root = result.GetValue(importRoot), cert = result.GetValue(importCert), key = result.GetValue(importKey);
                string mode;
                if (root is not null || cert is not null || key is not null)
                {
                    if (root is null || cert is null || key is null)
                    {
                        return CliOutput.Error(json, ExitCodes.Usage, "importing needs --import-root, --import-issuing-cert and --import-issuing-key together");
                    }

                    CertificateAuthorityHierarchy.Default.Import(folder, await File.ReadAllTextAsync(root.FullName, cancellationToken),
                        await File.ReadAllTextAsync(cert.FullName, cancellationToken), await File.ReadAllTextAsync(key.FullName, cancellationToken));
                    mode = "imported";
                }
                else
                {
                    HierarchySettings settings = LoadHierarchy(CliOptions.ConfigDirectory(result));
                    SignerSettings signer = Pkcs11Options.Settings(result);
                    await CaKeyStores.Hierarchy.InitializeAsync(folder, settings, signer, cancellationToken);
                    mode = signer.Type == "software" ? "generated" : $"generated (issuing key in {signer.Type})";
                }

                CliOutput.Result(json,
                    new JsonObject
                    {
                        ["dataDir"] = folder.Root,
                        ["mode"] = mode,
                        ["rootCertificate"] = folder.RootCertificatePath,
                        ["issuingCertificate"] = folder.IssuingCertificatePath,
                    },
                    $"CA hierarchy {mode} in {folder.Root}\n  root certificate:    {folder.RootCertificatePath}\n  issuing certificate: {folder.IssuingCertificatePath}\n  (key files are readable by their owner only)");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is InvalidOperationException or TnAcme.Issuance.Signing.Pkcs11SignerException)
            {
                return CliOutput.Error(json, ExitCodes.State, e.Message);
            }
        });
        return command;
    }

    private static HierarchySettings LoadHierarchy(string configDir)
    {
        string path = Path.Combine(configDir, "hierarchy.json");
        if (!File.Exists(path))
        {
            return new HierarchySettings();
        }

        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip };
        return JsonSerializer.Deserialize<HierarchySettings>(File.ReadAllText(path), options) ?? new HierarchySettings();
    }
}
