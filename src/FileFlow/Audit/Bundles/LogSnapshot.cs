using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>The log as one or many bundles prove their records against: its leaf hashes, read once, the signed checkpoint over them, the document heads
/// that checkpoint commits to (when it does), and the tree's inner nodes, kept so that each inclusion proof costs O(log n) rather than O(n).</summary>
/// <remarks>Immutable once taken, and thread-safe. Holds the leaf hashes it is given and about one inner node for every eight leaves.</remarks>
internal sealed class LogSnapshot
{
    // Subtrees of at least this many leaves are kept; smaller ones (at most 15 hashes) are recomputed when a proof needs them.
    private const long KeptSubtree = 16;

    private readonly IReadOnlyList<Hash256> leaves;
    private readonly Dictionary<(long Start, long End), Hash256> nodes = [];

    private LogSnapshot(IReadOnlyList<Hash256> leaves) => this.leaves = leaves;

    /// <summary>Gets the signed checkpoint every proof leads to.</summary>
    public SignedCheckpoint Checkpoint { get; private set; } = null!;

    /// <summary>Gets the document heads the checkpoint commits to, or <see langword="null"/> when it commits to none.</summary>
    public DocumentHeads? Heads { get; private set; }

    /// <summary>Gets the checkpoint's tree size: records at this position or later are not covered.</summary>
    public long Size => Checkpoint.Checkpoint.TreeSize;

    /// <summary>Reads the store's leaves once and takes the snapshot the export options ask for (the checkpoint given, or a fresh one signed now).</summary>
    public static async Task<LogSnapshot> TakeAsync(IDocumentStore store, BundleExportOptions options, CancellationToken cancellationToken)
    {
        var leaves = await MerkleLog.ReadLeafHashesAsync(store, cancellationToken).ConfigureAwait(false);
        return await TakeAsync(store, leaves, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the snapshot over leaf hashes already read from the store (the first <c>leaves.Count</c> records, in order); the list must not change after.</summary>
    /// <exception cref="LogRootMismatchException">The given checkpoint does not match the leaves.</exception>
    /// <exception cref="LogRollbackDetectedException">The given checkpoint covers more records than the leaves.</exception>
    public static async Task<LogSnapshot> TakeAsync(IDocumentStore store, IReadOnlyList<Hash256> leaves, BundleExportOptions options, CancellationToken cancellationToken)
    {
        var snapshot = new LogSnapshot(leaves);
        SignedCheckpoint checkpoint;
        if (options.Checkpoint is { } given)
        {
            var size = given.Checkpoint.TreeSize;
            if (size > leaves.Count)
            {
                throw new LogRollbackDetectedException(size, leaves.Count);
            }

            var root = snapshot.Root(size);
            if (root != given.Checkpoint.RootHash)
            {
                throw new LogRootMismatchException(size, given.Checkpoint.RootHash, root);
            }

            checkpoint = given;
        }
        else
        {
            var fresh = new Checkpoint(options.Origin!, leaves.Count, snapshot.Root(leaves.Count), options.TimeProvider.GetUtcNow());
            checkpoint = await fresh.SignAsync(options.LogSigner!, cancellationToken).ConfigureAwait(false);
        }

        // A checkpoint that commits to the document heads lets the bundle prove each document ends where the log says it does.
        snapshot.Checkpoint = checkpoint;
        snapshot.Heads = checkpoint.Checkpoint.Heads is null ? null : await DocumentHeads.ComputeAsync(store, checkpoint.Checkpoint.TreeSize, cancellationToken).ConfigureAwait(false);
        return snapshot;
    }

    /// <summary>Creates the inclusion proof of the record at <paramref name="position"/> in the checkpoint's tree.</summary>
    public InclusionProof Prove(long position) =>
        new(position, Size, [.. MerkleTree.InclusionRanges(position, Size).Select(r => RangeRoot(r.Start, r.End))]);

    private Hash256 Root(long size) => size == 0 ? MerkleHasher.EmptyRoot : RangeRoot(0, size);

    // The proof ranges of a tree are nodes of the recursion that computed its root, so after Root(size) every kept one is found.
    private Hash256 RangeRoot(long start, long end)
    {
        if (end - start == 1)
        {
            return leaves[checked((int)start)];
        }

        if (nodes.TryGetValue((start, end), out var kept))
        {
            return kept;
        }

        var k = MerkleTree.SplitPoint(end - start);
        var root = MerkleHasher.NodeHash(RangeRoot(start, start + k), RangeRoot(start + k, end));
        if (end - start >= KeptSubtree)
        {
            nodes[(start, end)] = root;
        }

        return root;
    }
}
