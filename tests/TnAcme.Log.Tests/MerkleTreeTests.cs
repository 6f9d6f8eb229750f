using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TnAcme.Log.Merkle;
using TnAcme.Log.Notes;

namespace TnAcme.Log.Tests;

public sealed class MerkleTreeTests
{
    /// <summary>The eight leaves of the Certificate Transparency reference tests (RFC 6962 implementations).</summary>
    private static readonly byte[][] ReferenceLeaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    [Fact]
    public void Empty_tree_and_reference_root()
    {
        var tree = new MerkleTree();
        Assert.Equal(Convert.FromHexString("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), tree.Root(0));
        foreach (byte[] leaf in ReferenceLeaves)
        {
            tree.Append(MerkleHash.Leaf(leaf));
        }

        Assert.Equal("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328", Convert.ToHexStringLower(tree.Root(8)));
    }

    [Fact]
    public void Every_inclusion_and_consistency_proof_verifies_up_to_70_leaves_and_none_survives_a_flipped_bit()
    {
        var tree = new MerkleTree();
        for (int i = 0; i < 70; i++)
        {
            tree.Append(MerkleHash.Leaf([(byte)i, (byte)(i >> 8)]));
        }

        for (long n = 1; n <= 70; n++)
        {
            byte[] root = tree.Root(n);
            for (long m = 0; m < n; m++)
            {
                var path = tree.InclusionProof(m, n);
                Assert.True(ProofVerifier.VerifyInclusion(tree.LeafHash(m), m, n, path, root), $"inclusion {m} in {n}");
                Assert.False(ProofVerifier.VerifyInclusion(tree.LeafHash((m + 1) % 70), m, n, path, root) && n > 1);
                if (path.Count > 0)
                {
                    var bad = path.Select(p => (byte[])p.Clone()).ToList();
                    bad[^1][0] ^= 1;
                    Assert.False(ProofVerifier.VerifyInclusion(tree.LeafHash(m), m, n, bad, root));
                }
            }

            for (long m = 0; m <= n; m++)
            {
                var proof = tree.ConsistencyProof(m, n);
                Assert.True(ProofVerifier.VerifyConsistency(m, n, tree.Root(m), root, proof), $"consistency {m} → {n}");
                if (m > 0 && m < n)
                {
                    byte[] forged = (byte[])tree.Root(m).Clone();
                    forged[5] ^= 0x80;
                    Assert.False(ProofVerifier.VerifyConsistency(m, n, forged, root, proof));
                }
            }
        }
    }

    [Fact]
    public async Task An_independent_python_implementation_agrees_on_roots_and_proofs()
    {
        var entries = Enumerable.Range(0, 37).Select(i => RandomNumberGenerator.GetBytes(10 + i)).ToList();
        var tree = new MerkleTree();
        foreach (byte[] e in entries)
        {
            tree.Append(MerkleHash.Leaf(e));
        }

        var inclusion = new JsonArray();
        var consistency = new JsonArray();
        var roots = new JsonArray();
        for (long n = 1; n <= 37; n++)
        {
            roots.Add(new JsonObject { ["treeSize"] = n, ["root"] = Convert.ToBase64String(tree.Root(n)) });
            for (long m = 0; m < n; m += 3)
            {
                inclusion.Add(new JsonObject { ["index"] = m, ["treeSize"] = n, ["proof"] = B64(tree.InclusionProof(m, n)) });
                consistency.Add(new JsonObject { ["first"] = m, ["second"] = n, ["proof"] = B64(tree.ConsistencyProof(m, n)) });
            }
        }

        NoteKey key = NoteKey.Generate("example.test/log");
        var job = new JsonObject
        {
            ["entries"] = new JsonArray([.. entries.Select(e => (JsonNode?)Convert.ToBase64String(e))]),
            ["roots"] = roots,
            ["inclusion"] = inclusion,
            ["consistency"] = consistency,
            ["verifierKey"] = key.VerifierKey,
            ["checkpoint"] = new Checkpoint(key.Name, 37, tree.Root(37), DateTimeOffset.UtcNow).Sign(key),
        };
        var (exit, output) = await PythonPeer.CheckAsync(job);
        Assert.True(exit == 0, output);

        // And the peer is not a rubber stamp: a wrong proof fails there too.
        inclusion[^1]!["proof"]![0] = Convert.ToBase64String(new byte[32]);
        var (badExit, badOutput) = await PythonPeer.CheckAsync(job);
        Assert.Equal(1, badExit);
        Assert.Contains("inclusion proof", badOutput, StringComparison.Ordinal);
    }

    private static JsonArray B64(IEnumerable<byte[]> hashes) => new([.. hashes.Select(h => (JsonNode?)Convert.ToBase64String(h))]);
}
