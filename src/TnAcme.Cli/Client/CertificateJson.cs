using System.Text.Json.Nodes;
using TnAcme.Client.State;

namespace TnAcme.Cli.Client;

/// <summary>What order and renew print about a certificate lineage.</summary>
internal static class CertificateJson
{
    public static JsonObject Of(CertificateLineage lineage, CertificateRecord record) => new()
    {
        ["name"] = record.Name,
        ["directory"] = lineage.Directory,
        ["chain"] = lineage.ChainPath,
        ["key"] = lineage.KeyPath,
        ["serial"] = record.Serial,
        ["notBefore"] = record.NotBefore.ToString("O"),
        ["notAfter"] = record.NotAfter.ToString("O"),
        ["profile"] = record.Profile,
        ["ca"] = record.Ca,
        ["tnAuthList"] = record.TnAuthList,
        ["entries"] = record.Entries,
        ["orderUrl"] = record.OrderUrl,
        ["certificateUrl"] = record.CertificateUrl,
        ["x5u"] = record.X5u,
    };

    public static string Text(string verb, CertificateLineage lineage, CertificateRecord record) =>
        $"""
        certificate {verb}: {record.Name} ({record.Entries})
          serial:   {record.Serial}
          valid:    {record.NotBefore:u} to {record.NotAfter:u}
          profile:  {record.Profile}{(record.Ca ? " (delegate CA)" : string.Empty)}
          chain:    {lineage.ChainPath}
          key:      {lineage.KeyPath} (0600)
          x5u:      {record.X5u ?? "(none)"}
        """;
}
