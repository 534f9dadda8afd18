using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>The Merkle log over a store: leaf i is the canonical bytes of the record at global position i. Computes roots, proofs and checkpoints by streaming the store.</summary>
/// <remarks>
/// Thread-safe and stateless. Every method reads <see cref="IDocumentStore.ReadAllAsync"/> once, front to back, holding O(log n) hashes,
/// so it never loads the records. Each method checks that positions are contiguous from 0 and throws <see cref="LogPositionGapException"/> when they are not.
/// </remarks>
public static class MerkleLog
{
    private delegate void LeafHandler(long position, ReadOnlySpan<byte> leafHash);

    /// <summary>Computes the tree size and root hash over the whole store, or over its first <paramref name="size"/> records.</summary>
    /// <exception cref="LogRollbackDetectedException">The store holds fewer than <paramref name="size"/> records.</exception>
    /// <exception cref="LogPositionGapException">The store's positions are not contiguous.</exception>
    public static async Task<TreeHead> ComputeTreeHeadAsync(IDocumentStore store, long? size = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (size is { } s)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(s, nameof(size));
        }

        var builder = new MerkleLogBuilder();
        await StreamAsync(store, size ?? long.MaxValue, size is not null, (_, hash) => builder.AppendLeafHash(hash), cancellationToken).ConfigureAwait(false);
        return builder.Head;
    }

    /// <summary>Reads the leaf hashes of every record in global order, for random-access proof generation with <see cref="MerkleTree"/> (32 bytes a record).</summary>
    /// <exception cref="LogPositionGapException">The store's positions are not contiguous.</exception>
    public static async Task<IReadOnlyList<Hash256>> ReadLeafHashesAsync(IDocumentStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var hashes = new List<Hash256>();
        await StreamAsync(store, long.MaxValue, false, (_, hash) => hashes.Add(Hash256.FromBytes(hash)), cancellationToken).ConfigureAwait(false);
        return hashes;
    }

    /// <summary>Creates the inclusion proof of the record at <paramref name="leafIndex"/> in the tree of the store's first <paramref name="treeSize"/> records.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative or not below the tree size.</exception>
    /// <exception cref="LogRollbackDetectedException">The store holds fewer than <paramref name="treeSize"/> records.</exception>
    /// <exception cref="LogPositionGapException">The store's positions are not contiguous.</exception>
    public static async Task<InclusionProof> CreateInclusionProofAsync(IDocumentStore store, long leafIndex, long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, treeSize);
        var path = await RangeRootsAsync(store, treeSize, MerkleTree.InclusionRanges(leafIndex, treeSize), cancellationToken).ConfigureAwait(false);
        return new InclusionProof(leafIndex, treeSize, [.. path]);
    }

    /// <summary>Creates the consistency proof between the trees of the store's first <paramref name="firstSize"/> and first <paramref name="secondSize"/> records.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The first size is negative or above the second.</exception>
    /// <exception cref="LogRollbackDetectedException">The store holds fewer than <paramref name="secondSize"/> records.</exception>
    /// <exception cref="LogPositionGapException">The store's positions are not contiguous.</exception>
    public static async Task<ConsistencyProof> CreateConsistencyProofAsync(IDocumentStore store, long firstSize, long secondSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSize, secondSize);
        var path = await RangeRootsAsync(store, secondSize, MerkleTree.ConsistencyRanges(firstSize, secondSize), cancellationToken).ConfigureAwait(false);
        return new ConsistencyProof(firstSize, secondSize, [.. path]);
    }

    /// <summary>Takes a checkpoint of the whole store now (by <paramref name="timeProvider"/>) and signs it with the log's key.</summary>
    /// <exception cref="LogPositionGapException">The store's positions are not contiguous.</exception>
    public static async Task<SignedCheckpoint> CreateCheckpointAsync(IDocumentStore store, string origin, ISigner signer, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var head = await ComputeTreeHeadAsync(store, null, cancellationToken).ConfigureAwait(false);
        var checkpoint = new Checkpoint(origin, head.Size, head.RootHash, timeProvider.GetUtcNow());
        return await checkpoint.SignAsync(signer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a checkpoint of the whole store now that also commits to every document's head (<see cref="DocumentHeads"/>), and signs it with the log's key.</summary>
    /// <exception cref="LogPositionGapException">The store's positions are not contiguous.</exception>
    public static async Task<SignedCheckpoint> CreateCheckpointWithHeadsAsync(IDocumentStore store, string origin, ISigner signer, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = new MerkleLogBuilder();
        var heads = new DocumentHeads();
        await foreach (var record in store.ReadAllAsync(0, cancellationToken).ConfigureAwait(false))
        {
            if (record.Position != builder.Size)
            {
                throw new LogPositionGapException(builder.Size, record.Position);
            }

            builder.AppendLeaf(record.CanonicalBytes.Span);
            heads.Append(record);
        }

        var checkpoint = new Checkpoint(origin, builder.Size, builder.RootHash, heads.Head(), timeProvider.GetUtcNow());
        return await checkpoint.SignAsync(signer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams the roots of disjoint leaf ranges, returned in the order the ranges were given.</summary>
    private static async Task<Hash256[]> RangeRootsAsync(IDocumentStore store, long size, List<(long Start, long End)> ranges, CancellationToken cancellationToken)
    {
        var roots = new Hash256[ranges.Count];
        var order = Enumerable.Range(0, ranges.Count).OrderBy(i => ranges[i].Start).ToArray();
        var cursor = 0;
        var builder = new MerkleLogBuilder();
        await StreamAsync(store, size, true, (position, hash) =>
        {
            if (cursor >= order.Length || position < ranges[order[cursor]].Start)
            {
                return;
            }

            builder.AppendLeafHash(hash);
            if (position + 1 == ranges[order[cursor]].End)
            {
                roots[order[cursor]] = builder.RootHash;
                builder = new MerkleLogBuilder();
                cursor++;
            }
        }, cancellationToken).ConfigureAwait(false);
        return roots;
    }

    /// <summary>Feeds the leaf hash of each of the first <paramref name="limit"/> records to <paramref name="handler"/>, checking positions.</summary>
    private static async Task StreamAsync(IDocumentStore store, long limit, bool exact, LeafHandler handler, CancellationToken cancellationToken)
    {
        long position = 0;
        var hash = new byte[Hash256.Length];
        if (limit > 0)
        {
            await foreach (var record in store.ReadAllAsync(0, cancellationToken).ConfigureAwait(false))
            {
                if (record.Position != position)
                {
                    throw new LogPositionGapException(position, record.Position);
                }

                MerkleHasher.LeafHash(record.CanonicalBytes.Span, hash);
                handler(position, hash);
                if (++position == limit)
                {
                    break;
                }
            }
        }

        if (exact && position < limit)
        {
            throw new LogRollbackDetectedException(limit, position);
        }
    }
}
