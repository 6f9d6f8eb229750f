using System.Globalization;
using System.Text.Json.Nodes;
using TnAcme.Log.Entries;
using TnAcme.Log.Merkle;
using TnAcme.Log.Notes;

namespace TnAcme.Cli.Audit;

/// <summary>
/// The auditor's checks, trusting nothing the server says without proof: the checkpoint's signature under the
/// pinned log key; its consistency with the last checkpoint this auditor verified (a log that rewrote or dropped
/// history cannot pass); the inclusion of every search result, with the leaf hash recomputed from the entry's
/// bytes; and with <c>--all</c>, the root recomputed from every entry.
/// </summary>
internal sealed class LogAudit
{
    private readonly AuditServer _server;
    private readonly AuditorState _state;
    private readonly LogAuditReport _report = new();

    public LogAudit(AuditServer server, AuditorState state)
    {
        _server = server;
        _state = state;
    }

    public async Task<LogAuditReport> RunAsync(string? logKeyOverride, string? query, bool all, CancellationToken ct)
    {
        NoteKey? key = await KeyAsync(logKeyOverride, ct);
        if (key is null)
        {
            return _report;
        }

        string note = await _server.TextAsync("log/checkpoint", ct);
        Checkpoint? checkpoint = Open(note, key, "the served checkpoint");
        if (checkpoint is null)
        {
            return _report;
        }

        _report.Verified.Add($"checkpoint signature: a valid Ed25519 signature by {key.Name} (key id {key.KeyId:x8}) over tree size {checkpoint.TreeSize}, " +
                             $"root {Convert.ToBase64String(checkpoint.RootHash)}, signed {checkpoint.Time:u}");
        await CheckAgainstRememberedAsync(checkpoint, key, ct);
        (Checkpoint Checkpoint, string Note) latest = (checkpoint, note);

        if (query is not null)
        {
            latest = await CheckResultsAsync(query, key, latest, ct);
        }

        if (all)
        {
            await CheckAllEntriesAsync(latest.Checkpoint, ct);
        }

        _report.TreeSize = latest.Checkpoint.TreeSize;
        _report.RootHash = Convert.ToBase64String(latest.Checkpoint.RootHash);
        if (_report.Ok)
        {
            _state.Remember(latest.Note);
        }

        return _report;
    }

    private async Task<NoteKey?> KeyAsync(string? logKeyOverride, CancellationToken ct)
    {
        string served = (await _server.TextAsync("log/key", ct)).Trim();
        string? pinned = _state.PinnedKey?.Trim();
        string trusted = logKeyOverride?.Trim() ?? pinned ?? served;
        NoteKey key;
        try
        {
            key = NoteKey.ParseVerifierKey(trusted);
        }
        catch (FormatException e)
        {
            _report.Failures.Add($"the log key '{trusted}' is not a signed-note Ed25519 verifier key: {e.Message}");
            return null;
        }

        if (served != trusted)
        {
            _report.Failures.Add($"the server now publishes log key {served}, not the trusted {trusted}: checkpoints are verified against the trusted key only");
        }

        if (logKeyOverride is not null)
        {
            _report.Verified.Add($"log key: {key.VerifierKey} (given with --log-key; pinned for later runs)");
            _state.Pin(key.VerifierKey);
        }
        else if (pinned is not null)
        {
            _report.Verified.Add($"log key: {key.VerifierKey} (pinned in {_state.Folder})");
        }
        else
        {
            _state.Pin(key.VerifierKey);
            _report.Verified.Add($"log key: {key.VerifierKey}");
            _report.Notes.Add($"first use: the log key was pinned in {_state.Folder}; compare it with the CA's published key out of band");
        }

        return key;
    }

    private async Task CheckAgainstRememberedAsync(Checkpoint current, NoteKey key, CancellationToken ct)
    {
        if (_state.LastCheckpoint is not { } lastNote)
        {
            _report.Notes.Add("no earlier checkpoint remembered: consistency is checked from this one on");
            return;
        }

        if (Open(lastNote, key, "the remembered checkpoint") is not { } last)
        {
            return;
        }

        await CheckConsistencyAsync(last, current, "the last checkpoint this auditor verified", ct);
    }

    /// <summary>Proves that <paramref name="later"/> extends <paramref name="earlier"/>; a failure means a fork or a rewrite.</summary>
    private async Task CheckConsistencyAsync(Checkpoint earlier, Checkpoint later, string what, CancellationToken ct)
    {
        if (earlier.TreeSize > later.TreeSize)
        {
            _report.Failures.Add($"the log shrank: {what} had {earlier.TreeSize} entries, the server now signs {later.TreeSize} (entries were removed)");
            return;
        }

        if (earlier.TreeSize == later.TreeSize)
        {
            if (earlier.RootHash.AsSpan().SequenceEqual(later.RootHash))
            {
                _report.Verified.Add($"consistency: same tree as {what} (size {later.TreeSize})");
            }
            else
            {
                _report.Failures.Add($"fork: {what} and the current checkpoint both have {later.TreeSize} entries but different roots (history was rewritten)");
            }

            return;
        }

        JsonObject proof = await _server.JsonAsync($"log/proof/consistency?first={earlier.TreeSize}&second={later.TreeSize}", auth: false, ct);
        if (ProofVerifier.VerifyConsistency(earlier.TreeSize, later.TreeSize, earlier.RootHash, later.RootHash, Hashes(proof["proof"])))
        {
            _report.Verified.Add($"consistency: the tree of size {later.TreeSize} extends {what} (size {earlier.TreeSize}) — RFC 9162 consistency proof of {proof["proof"]!.AsArray().Count} hashes; nothing before it changed");
        }
        else
        {
            _report.Failures.Add($"fork: the consistency proof from {what} (size {earlier.TreeSize}) to size {later.TreeSize} does not verify — the log's history was rewritten");
        }
    }

    private async Task<(Checkpoint, string)> CheckResultsAsync(string query, NoteKey key, (Checkpoint Checkpoint, string Note) latest, CancellationToken ct)
    {
        string? cursor = null;
        int results = 0;
        do
        {
            JsonObject page = await _server.JsonAsync($"audit/v1/certificates?{query}&limit=1000{(cursor is null ? "" : "&cursor=" + cursor)}", auth: true, ct);
            string pageNote = (string?)page["checkpoint"] ?? "";
            if (Open(pageNote, key, "the search's checkpoint") is not { } pageCheckpoint)
            {
                return latest;
            }

            if (pageCheckpoint.TreeSize != latest.Checkpoint.TreeSize)
            {
                await CheckConsistencyAsync(latest.Checkpoint, pageCheckpoint, "the checkpoint verified above", ct);
                latest = (pageCheckpoint, pageNote);
            }

            foreach (JsonObject item in page["items"]!.AsArray().Select(i => i!.AsObject()))
            {
                results++;
                await CheckInclusionAsync(item, pageCheckpoint, ct);
            }

            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);

        if (results == 0)
        {
            _report.Notes.Add($"the search ({query}) found no certificates");
        }
        else if (_report.InclusionProofs == results)
        {
            _report.Verified.Add($"inclusion: each of the {results} search result(s) ({query}) is in the signed tree of size {latest.Checkpoint.TreeSize} — leaf hash recomputed from the entry bytes, RFC 9162 inclusion proof checked");
        }

        return latest;
    }

    private async Task CheckInclusionAsync(JsonObject item, Checkpoint checkpoint, CancellationToken ct)
    {
        long index = (long)item["leafIndex"]!;
        byte[] entryBytes = Convert.FromBase64String((string)item["entryBytes"]!);
        string serial;
        try
        {
            serial = LogEntryCodec.Decode(entryBytes).Serial;
        }
        catch (FormatException)
        {
            _report.Failures.Add($"leaf {index}: the entry bytes are not a log entry");
            return;
        }

        JsonObject proof = await _server.JsonAsync($"log/proof/inclusion?index={index}&treeSize={checkpoint.TreeSize}", auth: false, ct);
        if (ProofVerifier.VerifyInclusion(MerkleHash.Leaf(entryBytes), index, checkpoint.TreeSize, Hashes(proof["proof"]), checkpoint.RootHash))
        {
            _report.InclusionProofs++;
        }
        else
        {
            _report.Failures.Add($"leaf {index} (serial {serial}): the entry as served is not the one in the signed tree — its inclusion proof fails (the entry was altered)");
        }
    }

    private async Task CheckAllEntriesAsync(Checkpoint checkpoint, CancellationToken ct)
    {
        var tree = new MerkleTree();
        var hashes = new List<byte[]>();
        long expected = 0;
        int missing = 0;
        await foreach (JsonObject line in _server.LinesAsync("audit/v1/export", ct))
        {
            long index = (long)line["leafIndex"]!;
            if (index >= checkpoint.TreeSize)
            {
                break;
            }

            if (index != expected)
            {
                _report.Failures.Add($"entries {expected.ToString(CultureInfo.InvariantCulture)}…{(index - 1).ToString(CultureInfo.InvariantCulture)} are missing from the export (dropped entries)");
                missing++;
                break;
            }

            byte[] hash = MerkleHash.Leaf(Convert.FromBase64String((string)line["entryBytes"]!));
            hashes.Add(hash);
            tree.Append(hash);
            expected++;
        }

        if (missing == 0 && expected < checkpoint.TreeSize)
        {
            _report.Failures.Add($"the export ends at {expected} entries but the checkpoint covers {checkpoint.TreeSize} (dropped entries)");
        }

        if (missing > 0 || expected < checkpoint.TreeSize)
        {
            return;
        }

        if (tree.Root(checkpoint.TreeSize).AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            _report.Verified.Add($"all entries: the root recomputed from all {checkpoint.TreeSize} exported entries equals the checkpoint's");
            return;
        }

        // Name the altered leaves: compare with the leaf hashes the log publishes.
        var altered = new List<long>();
        for (long start = 0; start < checkpoint.TreeSize && altered.Count < 20; start += 10_000)
        {
            long end = Math.Min(checkpoint.TreeSize, start + 10_000);
            JsonObject published = await _server.JsonAsync($"log/leaf-hashes?start={start}&end={end}", auth: false, ct);
            List<byte[]> served = Hashes(published["hashes"]);
            for (int i = 0; i < served.Count; i++)
            {
                if (!served[i].AsSpan().SequenceEqual(hashes[(int)(start + i)]))
                {
                    altered.Add(start + i);
                }
            }
        }

        _report.Failures.Add($"all entries: the root recomputed from the exported entries differs from the checkpoint's — altered entr{(altered.Count == 1 ? "y" : "ies")} at leaf {string.Join(", ", altered)}");
    }

    private Checkpoint? Open(string note, NoteKey key, string what)
    {
        try
        {
            return Checkpoint.OpenSigned(note, key);
        }
        catch (Exception e) when (e is CheckpointSignatureException or FormatException)
        {
            _report.Failures.Add($"{what} does not verify: {e.Message}");
            return null;
        }
    }

    private static List<byte[]> Hashes(JsonNode? array) => [.. array!.AsArray().Select(h => Convert.FromBase64String((string)h!))];
}
