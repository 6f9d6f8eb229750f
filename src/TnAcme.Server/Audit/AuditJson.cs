using System.Text.Json.Nodes;
using TnAcme.Storage.Transparency;

namespace TnAcme.Server.Audit;

/// <summary>How the audit API renders a logged certificate: its leaf index, the entry as the log states it, the exact entry bytes, status.</summary>
internal static class AuditJson
{
    public static JsonObject Item(AuditRecord record, DateTimeOffset now)
    {
        var item = new JsonObject
        {
            ["leafIndex"] = record.LeafIndex,
            ["status"] = record.Status(now),
            ["revokedAt"] = record.RevokedAt is long r ? DateTimeOffset.FromUnixTimeMilliseconds(r).ToString("O", System.Globalization.CultureInfo.InvariantCulture) : null,
            ["revocationReason"] = record.RevocationReason,
            ["revocationLeafIndex"] = record.RevocationLeafIndex,
            ["entry"] = JsonNode.Parse(record.Entry),
            ["entryBytes"] = Convert.ToBase64String(record.Entry),
        };
        return item;
    }
}
