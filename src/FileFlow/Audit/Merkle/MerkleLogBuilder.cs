using FileFlow.Records;

namespace FileFlow.Audit;

/// <summary>Builds an RFC 6962 Merkle tree incrementally, keeping only the roots of its perfect subtrees (a compact range): O(log n) memory, one append at a time.</summary>
/// <remarks>Not thread-safe. Computing the root of ten million records streams them through one builder without holding them.</remarks>
public sealed class MerkleLogBuilder
{
    private const int MaxLevels = 64;

    // The roots of the perfect subtrees, largest (leftmost) first, 32 bytes each; one per set bit of Size.
    private readonly byte[] stack = new byte[MaxLevels * Hash256.Length];
    private int depth;

    /// <summary>Gets the number of leaves appended so far.</summary>
    public long Size { get; private set; }

    /// <summary>Gets the root hash of the tree of the leaves appended so far (<see cref="MerkleHasher.EmptyRoot"/> when none).</summary>
    public Hash256 RootHash
    {
        get
        {
            if (depth == 0)
            {
                return MerkleHasher.EmptyRoot;
            }

            Span<byte> root = stackalloc byte[Hash256.Length];
            Slot(depth - 1).CopyTo(root);
            for (var i = depth - 2; i >= 0; i--)
            {
                MerkleHasher.NodeHash(Slot(i), root, root);
            }

            return Hash256.FromBytes(root);
        }
    }

    /// <summary>Gets the tree size and root hash of the leaves appended so far.</summary>
    public TreeHead Head => new(Size, RootHash);

    /// <summary>Appends a leaf, hashing it as SHA-256(0x00 ‖ <paramref name="leaf"/>).</summary>
    public void AppendLeaf(ReadOnlySpan<byte> leaf)
    {
        Span<byte> hash = stackalloc byte[Hash256.Length];
        MerkleHasher.LeafHash(leaf, hash);
        AppendLeafHash(hash);
    }

    /// <summary>Appends a leaf by its leaf hash (already SHA-256(0x00 ‖ leaf)).</summary>
    public void AppendLeafHash(Hash256 leafHash) => AppendLeafHash(leafHash.Span);

    /// <summary>Appends a leaf by its 32-byte leaf hash.</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public void AppendLeafHash(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != Hash256.Length)
        {
            throw new ArgumentException($"A leaf hash is {Hash256.Length} bytes, not {leafHash.Length}.", nameof(leafHash));
        }

        Span<byte> hash = stackalloc byte[Hash256.Length];
        leafHash.CopyTo(hash);

        // Each trailing set bit of Size is a perfect subtree of the same height as the carry: merge them, like binary addition.
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            depth--;
            MerkleHasher.NodeHash(Slot(depth), hash, hash);
        }

        hash.CopyTo(Slot(depth));
        depth++;
        Size++;
    }

    private Span<byte> Slot(int index) => stack.AsSpan(index * Hash256.Length, Hash256.Length);
}
