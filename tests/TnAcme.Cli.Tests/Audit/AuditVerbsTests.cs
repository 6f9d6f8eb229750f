using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using TnAcme.Log.Merkle;

namespace TnAcme.Cli.Tests.Audit;

/// <summary>
/// `tnacme audit` against a real `tnacme serve` that issued through ACME: search, verify, and the three ways a log
/// can be tampered with — an altered entry, a dropped entry, a forked tree re-signed with the log's own key.
/// </summary>
public sealed class AuditVerbsTests : IDisposable
{
    private readonly AuditTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task Search_and_verify_then_an_altered_or_dropped_entry_is_detected()
    {
        await using LogServerProcess server = await _bed.StartServerAsync();
        await _bed.CreateAuditorKeyAsync();
        await _bed.IssueAsync(server, 5);
        using var log = new PublicLog(server.Url, _bed.CaBundle);
        await log.WaitForSizeAsync(5);

        // A clean log verifies: signature (key pinned on first use), every entry, and search results' inclusion.
        var (exit, report, stderr) = await _bed.VerifyAsync(server, "--all");
        Assert.True(exit == 0, report.ToJsonString() + stderr);
        Assert.Equal(5, (long)report["treeSize"]!);
        Assert.Contains(report["notes"]!.AsArray(), n => ((string)n!).Contains("pinned", StringComparison.Ordinal));
        Assert.Contains(report["verified"]!.AsArray(), v => ((string)v!).StartsWith("all entries: the root recomputed from all 5", StringComparison.Ordinal));

        var (searchExit, searchOut, searchErr) = await TnAcmeProcess.Default.RunAsync("audit", "search", "--server", server.Url, "--ca-bundle", _bed.CaBundle,
            "--api-key-file", _bed.ApiKeyFile, "--range", "120200000000-120299999999", "--json");
        Assert.True(searchExit == 0, searchOut + searchErr);
        JsonArray items = JsonNode.Parse(searchOut)!["items"]!.AsArray();
        Assert.Equal(5, items.Count);
        string serial = (string)items[2]!["entry"]!["serial"]!;
        long leaf = (long)items[2]!["leafIndex"]!;

        // The text form says plainly what was verified.
        var (textExit, text, _) = await TnAcmeProcess.Default.RunAsync("audit", "verify", "--server", server.Url, "--ca-bundle", _bed.CaBundle,
            "--state-dir", _bed.State, "--api-key-file", _bed.ApiKeyFile, "--spc", "9999");
        Assert.True(textExit == 0, text);
        Assert.Contains("verified: checkpoint signature: a valid Ed25519 signature by", text, StringComparison.Ordinal);
        Assert.Contains("verified: consistency: same tree as the last checkpoint this auditor verified", text, StringComparison.Ordinal);
        Assert.Contains("result: everything checked holds", text, StringComparison.Ordinal);

        // The operator sees who asked what; the key list never shows secrets.
        JsonObject access = await TnAcmeProcess.Default.RunJsonAsync(0, "audit", "access-log", "--data-dir", _bed.Data);
        Assert.Contains(access["records"]!.AsArray(), r => ((string)r!["target"]!).Contains("range=", StringComparison.Ordinal) && (int)r["results"]! == 5);
        JsonObject keys = await TnAcmeProcess.Default.RunJsonAsync(0, "audit", "key", "list", "--data-dir", _bed.Data);
        Assert.DoesNotContain("tnaudit_", keys.ToJsonString(), StringComparison.Ordinal);

        var (again, second, _) = await _bed.VerifyAsync(server, "--serial", serial);
        Assert.True(again == 0, second.ToJsonString());
        Assert.Equal(1, (int)second["inclusionProofsVerified"]!);
        Assert.Contains(second["verified"]!.AsArray(), v => ((string)v!).StartsWith("consistency: same tree", StringComparison.Ordinal));

        // Altered entry: an insider rewrites who the certificate went to.
        using (SqliteConnection db = _bed.OpenDatabase())
        {
            byte[] original = AuditTestBed.Blob(db, $"SELECT \"Entry\" FROM \"log_entries\" WHERE \"LeafIndex\" = {leaf}");
            byte[] altered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original).Replace("\"account\":\"", "\"account\":\"x", StringComparison.Ordinal));
            AuditTestBed.Execute(db, $"UPDATE \"log_entries\" SET \"Entry\" = @e WHERE \"LeafIndex\" = {leaf}", ("@e", altered));

            var (tampered, t1, _) = await _bed.VerifyAsync(server, "--serial", serial);
            Assert.True(tampered == 10, t1.ToJsonString());
            Assert.Contains(t1["failures"]!.AsArray(), f => ((string)f!).Contains($"leaf {leaf}", StringComparison.Ordinal) && ((string)f!).Contains("altered", StringComparison.Ordinal));
            var (tamperedAll, t2, _) = await _bed.VerifyAsync(server, "--all");
            Assert.True(tamperedAll == 10, t2.ToJsonString());
            Assert.Contains(t2["failures"]!.AsArray(), f => ((string)f!).Contains($"altered entry at leaf {leaf}", StringComparison.Ordinal));

            // Dropped entry: an insider deletes it (and, with it, the certificate from every search).
            AuditTestBed.Execute(db, $"UPDATE \"log_entries\" SET \"Entry\" = @e WHERE \"LeafIndex\" = {leaf}", ("@e", original));
            AuditTestBed.Execute(db, $"DELETE FROM \"log_entries\" WHERE \"LeafIndex\" = {leaf}");
            var (dropped, t3, _) = await _bed.VerifyAsync(server, "--all");
            Assert.True(dropped == 10, t3.ToJsonString());
            Assert.Contains(t3["failures"]!.AsArray(), f => ((string)f!).Contains("missing", StringComparison.Ordinal));
        }

        var (plain, t4, _) = await _bed.VerifyAsync(server);
        Assert.True(plain == 0, "checkpoint and consistency alone still hold: " + t4.ToJsonString());
        await server.StopAsync();
    }

    [Fact]
    public async Task A_forked_tree_resigned_with_the_log_key_is_detected()
    {
        LogServerProcess server = await _bed.StartServerAsync();
        await _bed.CreateAuditorKeyAsync();
        await _bed.IssueAsync(server, 3);
        using (var log = new PublicLog(server.Url, _bed.CaBundle))
        {
            await log.WaitForSizeAsync(3);
        }

        var (exit, report, _) = await _bed.VerifyAsync(server);
        Assert.True(exit == 0, report.ToJsonString());
        await server.StopAsync();
        await server.DisposeAsync();

        // The operator rewrites leaf 1 everywhere it is stored, drops the old checkpoints and lets the log re-sign:
        // every signature is genuine, but the tree is not the one the auditor saw.
        using (SqliteConnection db = _bed.OpenDatabase())
        {
            byte[] original = AuditTestBed.Blob(db, "SELECT \"Entry\" FROM \"log_entries\" WHERE \"LeafIndex\" = 1");
            byte[] forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original).Replace("\"account\":\"", "\"account\":\"forged-", StringComparison.Ordinal));
            AuditTestBed.Execute(db, "UPDATE \"log_entries\" SET \"Entry\" = @e WHERE \"LeafIndex\" = 1", ("@e", forged));
            AuditTestBed.Execute(db, "UPDATE \"log_leaves\" SET \"Hash\" = @h WHERE \"LeafIndex\" = 1", ("@h", MerkleHash.Leaf(forged)));
            AuditTestBed.Execute(db, "DELETE FROM \"log_checkpoints\"");
        }

        SqliteConnection.ClearAllPools();
        await using LogServerProcess forkedServer = await _bed.StartServerAsync();
        using var forkedLog = new PublicLog(forkedServer.Url, _bed.CaBundle);
        await forkedLog.WaitForSizeAsync(3);

        // The state folder is keyed by host and port; the forked server listens elsewhere, so carry the state over.
        CopyState(server.Url, forkedServer.Url);
        var (sameSize, fork1, _) = await _bed.VerifyAsync(forkedServer, "--all");
        Assert.True(sameSize == 10, fork1.ToJsonString());
        Assert.Contains(fork1["failures"]!.AsArray(), f => ((string)f!).StartsWith("fork", StringComparison.Ordinal));

        // It grows on from the fork: the consistency proof from what the auditor saw cannot verify.
        await _bed.IssueAsync(forkedServer, 1);
        await forkedLog.WaitForSizeAsync(4);
        var (grown, fork2, _) = await _bed.VerifyAsync(forkedServer);
        Assert.True(grown == 10, fork2.ToJsonString());
        Assert.Contains(fork2["failures"]!.AsArray(), f => ((string)f!).Contains("consistency proof", StringComparison.Ordinal));
        await forkedServer.StopAsync();
    }

    [Fact]
    public async Task The_benchmark_builds_a_log_and_reports_appends_and_query_latency()
    {
        JsonObject report = await TnAcmeProcess.Default.RunJsonAsync(0, "audit", "bench", "--entries", "5000", "--queries", "200");
        Assert.Equal(5000, (long)report["treeSize"]!);
        Assert.True((double)report["appendsPerSecond"]! > 0 && (double)report["integratedPerSecond"]! > 0);
        Assert.True((int)report["queriesWithResults"]! >= 90, "half the queries aim at logged numbers");
        Assert.True((bool)report["targets"]!["queryP99AtMost20Ms"]!, report.ToJsonString());
    }

    private void CopyState(string fromUrl, string toUrl)
    {
        string Folder(string url) => Path.Combine(_bed.State, $"{new Uri(url).Host}_{new Uri(url).Port}");
        Directory.CreateDirectory(Folder(toUrl));
        foreach (string file in Directory.GetFiles(Folder(fromUrl)))
        {
            File.Copy(file, Path.Combine(Folder(toUrl), Path.GetFileName(file)), overwrite: true);
        }
    }
}
