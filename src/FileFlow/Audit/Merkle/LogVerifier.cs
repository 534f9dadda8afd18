using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>Checks a store's Merkle log against signed checkpoints kept elsewhere: detects rewritten, deleted or reordered records and a store rolled back, and checks proofs offline.</summary>
/// <remarks>Thread-safe. Every method first checks the checkpoints' signatures; every failure is a <see cref="LogVerificationException"/>.</remarks>
public sealed class LogVerifier
{
    private readonly ICheckpointVerifier checkpoints;

    /// <summary>Initializes a verifier that trusts the checkpoint keys of <paramref name="checkpoints"/>.</summary>
    public LogVerifier(ICheckpointVerifier checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        this.checkpoints = checkpoints;
    }

    /// <summary>Checks a signed checkpoint's signature and returns the checkpoint it vouches for.</summary>
    /// <exception cref="CheckpointSignatureException">The signature does not verify with a key trusted for the checkpoint's origin.</exception>
    public Checkpoint VerifyCheckpoint(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var check = checkpoints.Verify(checkpoint);
        return check.IsValid ? checkpoint.Checkpoint : throw new CheckpointSignatureException(checkpoint.Checkpoint.Origin, checkpoint.KeyId, check);
    }

    /// <summary>The consistency proof the store gives from <paramref name="earlier"/> (the last checkpoint kept or witnessed; none yet: no proof) to
    /// <paramref name="later"/>, for the caller to check before keeping or countersigning it. A later checkpoint smaller than the earlier one is
    /// refused as a rollback once its own signature is known good.</summary>
    /// <exception cref="CheckpointSignatureException">The later checkpoint is smaller and its signature does not verify.</exception>
    /// <exception cref="LogRollbackDetectedException">The later checkpoint, or the store, is smaller than the earlier one.</exception>
    internal async Task<ConsistencyProof?> ProveExtendsAsync(IDocumentStore store, SignedCheckpoint? earlier, SignedCheckpoint later, CancellationToken cancellationToken)
    {
        if (earlier is null)
        {
            return null;
        }

        if (later.Checkpoint.TreeSize < earlier.Checkpoint.TreeSize)
        {
            VerifyCheckpoint(later);
            throw new LogRollbackDetectedException(earlier.Checkpoint.TreeSize, later.Checkpoint.TreeSize);
        }

        return await MerkleLog.CreateConsistencyProofAsync(store, earlier.Checkpoint.TreeSize, later.Checkpoint.TreeSize, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks that the store's first records still hash to a trusted checkpoint's root, streaming the whole log once; returns the store's current size and root.</summary>
    /// <exception cref="CheckpointSignatureException">The checkpoint's signature does not verify.</exception>
    /// <exception cref="LogRollbackDetectedException">The store holds fewer records than the checkpoint commits to.</exception>
    /// <exception cref="LogRootMismatchException">The store's first records hash to another root: rewritten, deleted, inserted or reordered records.</exception>
    /// <exception cref="LogPositionGapException">The store's positions are not contiguous.</exception>
    public Task<TreeHead> VerifyStoreAsync(IDocumentStore store, SignedCheckpoint trusted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        return VerifyStoreAsync(store, [trusted], cancellationToken);
    }

    /// <summary>Checks that the store's first records still hash to the root of each of several trusted checkpoints (kept in different places, say),
    /// streaming the whole log once; returns the store's current size and root.</summary>
    /// <exception cref="ArgumentException">No checkpoint is given.</exception>
    /// <exception cref="CheckpointSignatureException">A checkpoint's signature does not verify.</exception>
    /// <exception cref="LogRollbackDetectedException">The store holds fewer records than a checkpoint commits to.</exception>
    /// <exception cref="LogRootMismatchException">The store's first records hash to another root than a checkpoint's.</exception>
    /// <exception cref="LogHeadsMismatchException">A checkpoint commits to other document heads than the store's records give.</exception>
    /// <exception cref="LogPositionGapException">The store's positions are not contiguous.</exception>
    public async Task<TreeHead> VerifyStoreAsync(IDocumentStore store, IReadOnlyCollection<SignedCheckpoint> trusted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(trusted);
        if (trusted.Count == 0)
        {
            throw new ArgumentException("Give at least one checkpoint to check the store against.", nameof(trusted));
        }

        var checkpoints = trusted.Select(VerifyCheckpoint).OrderBy(c => c.TreeSize).ToList();
        var roots = new Dictionary<long, Hash256>();
        var documentHeads = checkpoints.Any(c => c.Heads is not null) ? new DocumentHeads() : null;
        var headRoots = new Dictionary<long, TreeHead>();
        if (checkpoints[0].TreeSize == 0)
        {
            roots[0] = MerkleHasher.EmptyRoot;
            headRoots[0] = new TreeHead(0, MerkleHasher.EmptyRoot);
        }

        var builder = new MerkleLogBuilder();
        var next = checkpoints.FindIndex(c => c.TreeSize > 0);
        var hash = new byte[Hash256.Length];
        await foreach (var record in store.ReadAllAsync(0, cancellationToken).ConfigureAwait(false))
        {
            if (record.Position != builder.Size)
            {
                throw new LogPositionGapException(builder.Size, record.Position);
            }

            MerkleHasher.LeafHash(record.CanonicalBytes.Span, hash);
            builder.AppendLeafHash(hash);
            documentHeads?.Append(record);
            while (next >= 0 && next < checkpoints.Count && checkpoints[next].TreeSize == builder.Size)
            {
                roots[builder.Size] = builder.RootHash;
                if (documentHeads is not null && checkpoints[next].Heads is not null && !headRoots.ContainsKey(builder.Size))
                {
                    headRoots[builder.Size] = documentHeads.Head();
                }

                next++;
            }
        }

        foreach (var checkpoint in checkpoints)
        {
            if (!roots.TryGetValue(checkpoint.TreeSize, out var root))
            {
                throw new LogRollbackDetectedException(checkpoint.TreeSize, builder.Size);
            }

            if (root != checkpoint.RootHash)
            {
                throw new LogRootMismatchException(checkpoint.TreeSize, checkpoint.RootHash, root);
            }

            if (checkpoint.Heads is { } committed && headRoots[checkpoint.TreeSize] is var found && found != committed)
            {
                throw new LogHeadsMismatchException(checkpoint.TreeSize, committed, found);
            }
        }

        return builder.Head;
    }

    /// <summary>Checks offline that a later checkpoint extends an earlier one of the same log, with a consistency proof between their sizes.</summary>
    /// <exception cref="ArgumentException">The checkpoints are of different logs, or the proof is for other sizes.</exception>
    /// <exception cref="CheckpointSignatureException">A checkpoint's signature does not verify.</exception>
    /// <exception cref="LogRollbackDetectedException">The later checkpoint is smaller than the earlier one.</exception>
    /// <exception cref="LogConsistencyException">The proof does not show the later log extends the earlier one.</exception>
    public void VerifyConsistency(SignedCheckpoint earlier, SignedCheckpoint later, ConsistencyProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var (first, second) = CheckPair(earlier, later);
        if (proof.FirstSize != first.TreeSize || proof.SecondSize != second.TreeSize)
        {
            throw new ArgumentException($"The proof is between sizes {proof.FirstSize} and {proof.SecondSize}, not the checkpoints' {first.TreeSize} and {second.TreeSize}.", nameof(proof));
        }

        if (!proof.Verify(first.RootHash, second.RootHash))
        {
            throw new LogConsistencyException(first.Head, second.Head);
        }
    }

    /// <summary>Checks that a later checkpoint extends an earlier one, with a consistency proof the store produces; then the store itself is checked against the later one.</summary>
    /// <exception cref="ArgumentException">The checkpoints are of different logs.</exception>
    /// <exception cref="CheckpointSignatureException">A checkpoint's signature does not verify.</exception>
    /// <exception cref="LogVerificationException">The checkpoints are not consistent, or the store does not reproduce the later one.</exception>
    public async Task VerifyConsistencyAsync(IDocumentStore store, SignedCheckpoint earlier, SignedCheckpoint later, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (first, second) = CheckPair(earlier, later);
        var proof = await MerkleLog.CreateConsistencyProofAsync(store, first.TreeSize, second.TreeSize, cancellationToken).ConfigureAwait(false);
        VerifyConsistency(earlier, later, proof);
        await VerifyStoreAsync(store, later, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks offline that a record's canonical bytes sit at the proof's position in the log a signed checkpoint commits to.</summary>
    /// <exception cref="CheckpointSignatureException">The checkpoint's signature does not verify.</exception>
    /// <exception cref="InclusionProofException">The proof is for another tree size or position, or does not lead to the checkpoint's root.</exception>
    public void VerifyInclusion(SignedCheckpoint checkpoint, SignedRecord record, InclusionProof proof)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(proof);
        if (record.Position >= 0 && record.Position != proof.LeafIndex)
        {
            throw new InclusionProofException(proof.LeafIndex, proof.TreeSize, $"the record is stored at position {record.Position}, not at the proof's position");
        }

        VerifyInclusion(checkpoint, MerkleHasher.LeafHash(record.CanonicalBytes.Span), proof);
    }

    /// <summary>Checks offline that a leaf hash sits at the proof's position in the log a signed checkpoint commits to.</summary>
    /// <exception cref="CheckpointSignatureException">The checkpoint's signature does not verify.</exception>
    /// <exception cref="InclusionProofException">The proof is for another tree size, or does not lead to the checkpoint's root.</exception>
    public void VerifyInclusion(SignedCheckpoint checkpoint, Hash256 leafHash, InclusionProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var trusted = VerifyCheckpoint(checkpoint);
        if (proof.TreeSize != trusted.TreeSize)
        {
            throw new InclusionProofException(proof.LeafIndex, proof.TreeSize, $"the proof is for a tree of {proof.TreeSize} records, the checkpoint for {trusted.TreeSize}");
        }

        if (!proof.Verify(leafHash, trusted.RootHash))
        {
            throw new InclusionProofException(proof.LeafIndex, proof.TreeSize, "the proof does not lead from the record to the checkpoint's root");
        }
    }

    private (Checkpoint First, Checkpoint Second) CheckPair(SignedCheckpoint earlier, SignedCheckpoint later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        if (!string.Equals(earlier.Checkpoint.Origin, later.Checkpoint.Origin, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The checkpoints are of different logs ('{earlier.Checkpoint.Origin}' and '{later.Checkpoint.Origin}').", nameof(later));
        }

        var first = VerifyCheckpoint(earlier);
        var second = VerifyCheckpoint(later);
        if (second.TreeSize < first.TreeSize)
        {
            throw new LogRollbackDetectedException(first.TreeSize, second.TreeSize);
        }

        return (first, second);
    }
}
