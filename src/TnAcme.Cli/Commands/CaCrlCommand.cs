using System.CommandLine;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TnAcme.Issuance;
using TnAcme.Issuance.Crl;
using TnAcme.Issuance.Hierarchy;

namespace TnAcme.Cli.Commands;

internal static class CaCrlCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "Where to write the CRL", Required = true };
        var nextUpdate = new Option<double>("--next-update-hours") { Description = "Hours until nextUpdate (default 24)", DefaultValueFactory = _ => 24 };
        var pem = new Option<bool>("--pem") { Description = "Write PEM instead of DER" };
        var command = new Command("crl", "Sign a CRL (RFC 5280 v2) of every recorded revocation") { output, nextUpdate, pem };
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            CaDataFolder folder = CliOptions.Folder(result);
            try
            {
                using IssuingAuthority authority = CaKeyStores.Hierarchy.Open(folder);
                var registry = new RevocationRegistry(folder);
                BigInteger number = registry.NextCrlNumber();
                DateTimeOffset now = DateTimeOffset.UtcNow;
                IReadOnlyList<RevokedCertificate> revoked = registry.Read().Revoked;
                byte[] crl = await CrlWriter.WriteAsync(authority, revoked, number, now, now.AddHours(result.GetValue(nextUpdate)), cancellationToken);
                string path = result.GetValue(output)!.FullName;
                if (result.GetValue(pem))
                {
                    await File.WriteAllTextAsync(path, PemEncoding.WriteString("X509 CRL", crl) + "\n", cancellationToken);
                }
                else
                {
                    await File.WriteAllBytesAsync(path, crl, cancellationToken);
                }

                CliOutput.Result(json,
                    new JsonObject { ["crlNumber"] = (long)number, ["entries"] = revoked.Count, ["out"] = path },
                    $"CRL #{number} with {revoked.Count} entr{(revoked.Count == 1 ? "y" : "ies")} written to {path}");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is InvalidOperationException or TnAcme.Issuance.Signing.Pkcs11SignerException)
            {
                return CliOutput.Error(json, ExitCodes.State, e.Message);
            }
        });
        return command;
    }
}
