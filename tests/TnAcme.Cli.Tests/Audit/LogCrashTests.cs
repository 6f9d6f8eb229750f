using System.Diagnostics;
using Microsoft.Data.Sqlite;
using TnAcme.Log.Merkle;
using TnAcme.Log.Notes;

namespace TnAcme.Cli.Tests.Audit;

/// <summary>
/// Completeness under crashes: `tnacme serve` issuing concurrently is killed with SIGKILL at random moments, three
/// times, and restarted on the same data folder. Afterwards every certificate has exactly one log entry and every
/// entry its certificate, the tree recomputed from the entries is the signed checkpoint's, and every checkpoint
/// published before a crash is consistent with the final one.
/// </summary>
public sealed class LogCrashTests : IDisposable
{
    private readonly AuditTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task Kill_9_mid_issuance_leaves_certificates_and_log_consistent()
    {
        var random = new Random();
        var published = new List<string>();
        LogServerProcess server = await _bed.StartServerAsync();
        NoteKey? key = null;
        for (int round = 0; round < 3; round++)
        {
            using var log = new PublicLog(server.Url, _bed.CaBundle);
            key ??= await log.KeyAsync();
            long before = (await log.WaitForSizeAsync(0)).Checkpoint.TreeSize;
            using Process bench = AuditTestBed.StartBench(_bed.BenchArguments(server, 100_000, 6, duration: 60));
            try
            {
                // Let issuance get going (the tree grows), then kill at a random moment in the stream of issuances.
                await log.WaitForSizeAsync(before + 3, TimeSpan.FromSeconds(60));
                await Task.Delay(random.Next(200, 1500));
                published.Add(await log.CheckpointAsync());
                await server.KillHardAsync();
            }
            finally
            {
                bench.Kill(entireProcessTree: true);
                await bench.WaitForExitAsync();
                await server.DisposeAsync();
            }

            server = await _bed.StartServerAsync();
        }

        await using (server)
        {
            using var log = new PublicLog(server.Url, _bed.CaBundle);
            long entries;
            using (SqliteConnection db = _bed.OpenDatabase())
            {
                entries = AuditTestBed.Scalar(db, "SELECT COUNT(*) FROM \"log_entries\"");

                // Exactly one issued entry per completed certificate, and no entry without its certificate.
                Assert.Equal(0, AuditTestBed.Scalar(db, """
                    SELECT COUNT(*) FROM "certificates" c WHERE c."Der" IS NOT NULL
                    AND (SELECT COUNT(*) FROM "log_entries" e WHERE e."Serial" = c."Serial" AND e."Kind" = 0) <> 1
                    """));
                Assert.Equal(0, AuditTestBed.Scalar(db, """
                    SELECT COUNT(*) FROM "log_entries" e WHERE e."Kind" = 0
                    AND NOT EXISTS (SELECT 1 FROM "certificates" c WHERE c."Serial" = e."Serial" AND c."Der" IS NOT NULL)
                    """));
                Assert.Equal(entries, AuditTestBed.Scalar(db, "SELECT COUNT(*) FROM \"certificates\" WHERE \"Der\" IS NOT NULL"));
                Assert.Equal(entries - 1, AuditTestBed.Scalar(db, "SELECT COALESCE(MAX(\"LeafIndex\"), -1) FROM \"log_entries\""));

                // An order is processing only with its intent recorded (the claim and the intent commit together).
                Assert.Equal(0, AuditTestBed.Scalar(db, """
                    SELECT COUNT(*) FROM "orders" o WHERE o."Status" = 2
                    AND NOT EXISTS (SELECT 1 FROM "certificates" c WHERE c."OrderId" = o."Id")
                    """));

                // A token's jti is recorded exactly when the authorization it validated is (one token per authorization
                // here): no token spent on an authorization that was not stored, none stored without its jti.
                Assert.Equal(
                    AuditTestBed.Scalar(db, "SELECT COUNT(*) FROM \"authorizations\" WHERE \"Status\" = 1"),
                    AuditTestBed.Scalar(db, "SELECT COUNT(*) FROM \"replays\""));
            }

            Assert.True(entries >= 9, $"only {entries} issuances happened across three rounds");
            var (final, _) = await log.WaitForSizeAsync(entries);
            Assert.Equal(entries, final.TreeSize);

            // The root, recomputed from the entry bytes (not from the stored hashes), is the signed one.
            var tree = new MerkleTree();
            using (SqliteConnection db = _bed.OpenDatabase())
            using (SqliteCommand read = db.CreateCommand())
            {
                read.CommandText = "SELECT \"Entry\" FROM \"log_entries\" ORDER BY \"LeafIndex\"";
                using SqliteDataReader rows = read.ExecuteReader();
                while (rows.Read())
                {
                    tree.Append(MerkleHash.Leaf((byte[])rows.GetValue(0)));
                }
            }

            Assert.Equal(final.RootHash, tree.Root(final.TreeSize));

            // Every checkpoint published before a crash is a prefix of the final tree.
            foreach (string note in published)
            {
                Checkpoint earlier = Checkpoint.OpenSigned(note, key!);
                var proof = await log.JsonAsync($"log/proof/consistency?first={earlier.TreeSize}&second={final.TreeSize}");
                Assert.True(ProofVerifier.VerifyConsistency(earlier.TreeSize, final.TreeSize, earlier.RootHash, final.RootHash,
                    [.. proof["proof"]!.AsArray().Select(h => Convert.FromBase64String((string)h!))]), $"checkpoint {earlier.TreeSize} → {final.TreeSize}");
            }

            // The auditor's own check agrees.
            await _bed.CreateAuditorKeyAsync();
            var (exit, report, _) = await _bed.VerifyAsync(server, "--all");
            Assert.True(exit == 0, report.ToJsonString());
            await server.StopAsync();
        }
    }
}
