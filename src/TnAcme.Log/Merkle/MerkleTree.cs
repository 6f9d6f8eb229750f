using System.Numerics;

namespace TnAcme.Log.Merkle;

/// <summary>
/// The log's Merkle tree in memory (RFC 9162 §2.1): every complete subtree's hash is kept, level by level, so any
/// root, inclusion proof or consistency proof costs O(log² n) hashes and never a pass over the leaves. Appends
/// come from one writer (the integrator); readers take a size at or below <see cref="Size"/> and see a stable tree.
/// </summary>
public sealed class MerkleTree
{
    private readonly List<HashLevel> _levels = [new HashLevel()];
    private readonly Lock _appendLock = new();
    private long _size;

    /// <summary>Leaves appended so far; every hash a reader needs for a tree of this size is in place.</summary>
    public long Size => Volatile.Read(ref _size);

    public void Append(ReadOnlySpan<byte> leafHash)
    {
        lock (_appendLock)
        {
            _levels[0].Append(leafHash);
            long index = _levels[0].Count - 1;
            Span<byte> node = stackalloc byte[MerkleHash.Size];
            for (int level = 0; (index & 1) == 1; level++, index >>= 1)
            {
                if (_levels.Count == level + 1)
                {
                    _levels.Add(new HashLevel());
                }

                MerkleHash.Node(_levels[level][index - 1], _levels[level][index], node);
                _levels[level + 1].Append(node);
            }

            // Published last: a reader that sees the new size finds every hash the size implies.
            Volatile.Write(ref _size, _levels[0].Count);
        }
    }

    public byte[] LeafHash(long index)
    {
        CheckSize(index + 1);
        return _levels[0][index].ToArray();
    }

    /// <summary>MTH(D[0:treeSize]).</summary>
    public byte[] Root(long treeSize)
    {
        CheckSize(treeSize);
        return treeSize == 0 ? MerkleHash.EmptyRoot() : SubtreeHash(0, treeSize);
    }

    /// <summary>PATH(index, D[0:treeSize]) of RFC 9162 §2.1.3.1, from the leaf's sibling up.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long treeSize)
    {
        CheckSize(treeSize);
        if (index < 0 || index >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "the leaf index must be below the tree size");
        }

        var path = new List<byte[]>();
        Path(index, 0, treeSize, path);
        return path;
    }

    /// <summary>PROOF(first, D[0:second]) = SUBPROOF(first, D[0:second], true) of RFC 9162 §2.1.4.1.</summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long first, long second)
    {
        CheckSize(second);
        if (first < 0 || first > second)
        {
            throw new ArgumentOutOfRangeException(nameof(first), "the first tree size must be between 0 and the second");
        }

        var proof = new List<byte[]>();
        if (first > 0 && first < second)
        {
            SubProof(first, 0, second, true, proof);
        }

        return proof;
    }

    /// <summary>MTH(D[start:end]); <paramref name="start"/> is always a multiple of a power of two ≥ the left part.</summary>
    private byte[] SubtreeHash(long start, long end)
    {
        long n = end - start;
        if (BitOperations.IsPow2(n) && start % n == 0)
        {
            return _levels[BitOperations.Log2((ulong)n)][start / n].ToArray();
        }

        long k = MerkleHash.SplitPoint(n);
        return MerkleHash.Node(SubtreeHash(start, start + k), SubtreeHash(start + k, end));
    }

    private void Path(long m, long start, long end, List<byte[]> path)
    {
        long n = end - start;
        if (n == 1)
        {
            return;
        }

        long k = MerkleHash.SplitPoint(n);
        if (m < k)
        {
            Path(m, start, start + k, path);
            path.Add(SubtreeHash(start + k, end));
        }
        else
        {
            Path(m - k, start + k, end, path);
            path.Add(SubtreeHash(start, start + k));
        }
    }

    private void SubProof(long m, long start, long end, bool wholeFirstTree, List<byte[]> proof)
    {
        long n = end - start;
        if (m == n)
        {
            if (!wholeFirstTree)
            {
                proof.Add(SubtreeHash(start, end));
            }

            return;
        }

        long k = MerkleHash.SplitPoint(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, wholeFirstTree, proof);
            proof.Add(SubtreeHash(start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, proof);
            proof.Add(SubtreeHash(start, start + k));
        }
    }

    private void CheckSize(long treeSize)
    {
        if (treeSize < 0 || treeSize > Size)
        {
            throw new ArgumentOutOfRangeException(nameof(treeSize), $"the tree has {Size} leaves");
        }
    }
}
