using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using TnAcme.Issuance.Inspection;
using TnAcme.Issuance.Profiles;
using TnAcme.Issuance.X509;
using TnAcme.Stir;

namespace TnAcme.Cli.Commands;

internal static class CertShowCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Certificate or CSR, PEM or DER" };
        var command = new Command("show", "Decode a certificate or CSR: TNAuthList, claim constraints, profile, lint findings") { file };
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            JsonObject node;
            try
            {
                ProfileCatalog catalog = ProfileCatalog.LoadDirectory(Path.Combine(CliOptions.ConfigDirectory(result), "profiles"));
                node = new CertificateInspector(catalog).Inspect(await File.ReadAllBytesAsync(result.GetValue(file)!.FullName, cancellationToken));
            }
            catch (Exception e) when (e is InvalidDataException or CsrException or StirDecodeException or IOException or FormatException)
            {
                return CliOutput.Error(json, ExitCodes.InvalidInput, e.Message);
            }

            CliOutput.Result(json, node, Render(node));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Render(JsonObject node)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in node)
        {
            switch (value)
            {
                case null:
                    sb.AppendLine($"{key}: (none)");
                    break;
                case JsonValue v:
                    sb.AppendLine($"{key}: {v}");
                    break;
                case JsonArray a when key == "extensions":
                    sb.AppendLine("extensions:");
                    foreach (JsonNode? e in a)
                    {
                        sb.AppendLine($"  - {e!["name"]} ({e["oid"]}){((bool)e["critical"]! ? " critical" : string.Empty)}");
                    }

                    break;
                case JsonArray a:
                    sb.AppendLine(a.Count == 0 ? $"{key}: none" : $"{key}:");
                    foreach (JsonNode? e in a)
                    {
                        sb.AppendLine($"  - {e}");
                    }

                    break;
                case JsonObject o when key == "tnAuthList" && o["entries"] is JsonArray entries:
                    sb.AppendLine($"tnAuthList: {o["identifier"]}");
                    foreach (JsonNode? e in entries)
                    {
                        sb.AppendLine($"  - {e!.ToJsonString()}");
                    }

                    break;
                default:
                    sb.AppendLine($"{key}: {value.ToJsonString()}");
                    break;
            }
        }

        return sb.ToString().TrimEnd();
    }
}
