namespace TnAcme.Log.Merkle;

/// <summary>
/// An append-only array of 32-byte hashes in fixed chunks: a million leaves are 32 chunks of 1 MiB rather than a
/// million small arrays, so the tree costs its hashes and little more.
/// </summary>
internal sealed class HashLevel
{
    private const int ChunkHashes = 1 << 15;
    private readonly List<byte[]> _chunks = [];

    public long Count { get; private set; }

    public ReadOnlySpan<byte> this[long index]
    {
        get
        {
            if ((ulong)index >= (ulong)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return _chunks[(int)(index / ChunkHashes)].AsSpan((int)(index % ChunkHashes) * MerkleHash.Size, MerkleHash.Size);
        }
    }

    public void Append(ReadOnlySpan<byte> hash)
    {
        int offset = (int)(Count % ChunkHashes);
        if (offset == 0)
        {
            _chunks.Add(new byte[ChunkHashes * MerkleHash.Size]);
        }

        hash.CopyTo(_chunks[^1].AsSpan(offset * MerkleHash.Size, MerkleHash.Size));
        Count++;
    }
}
