using System.Text;
using System.Text.Json.Nodes;

namespace TnAcme.Cli.Audit;

/// <summary>What `tnacme audit verify` checked, in plain sentences: each one verified, or a failure.</summary>
internal sealed class LogAuditReport
{
    public List<string> Verified { get; } = [];

    public List<string> Failures { get; } = [];

    public List<string> Notes { get; } = [];

    public long? TreeSize { get; set; }

    public string? RootHash { get; set; }

    public int InclusionProofs { get; set; }

    public bool Ok => Failures.Count == 0;

    public JsonObject ToJson() => new()
    {
        ["ok"] = Ok,
        ["treeSize"] = TreeSize,
        ["rootHash"] = RootHash,
        ["inclusionProofsVerified"] = InclusionProofs,
        ["verified"] = new JsonArray([.. Verified.Select(v => (JsonNode?)v)]),
        ["failures"] = new JsonArray([.. Failures.Select(v => (JsonNode?)v)]),
        ["notes"] = new JsonArray([.. Notes.Select(v => (JsonNode?)v)]),
    };

    public string ToText(string server)
    {
        var text = new StringBuilder($"issuance log of {server}\n");
        foreach (string v in Verified)
        {
            text.Append("  verified: ").Append(v).Append('\n');
        }

        foreach (string n in Notes)
        {
            text.Append("  note:     ").Append(n).Append('\n');
        }

        foreach (string f in Failures)
        {
            text.Append("  FAILED:   ").Append(f).Append('\n');
        }

        text.Append(Ok
            ? $"result: everything checked holds (tree size {TreeSize}); this checkpoint is remembered for the next run."
            : $"result: the log FAILED verification ({Failures.Count} problem{(Failures.Count == 1 ? "" : "s")}); the remembered checkpoint was left unchanged.");
        return text.ToString();
    }
}
