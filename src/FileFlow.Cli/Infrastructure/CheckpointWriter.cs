using FileFlow.Audit;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Cli.Infrastructure;

/// <summary>
/// Keeps a store's signed checkpoint sidecar current as records are appended: folds in only the records since the last refresh
/// (a Merkle builder holds O(log n) hashes, <see cref="DocumentHeads"/> one entry per document), signs the new tree head with the
/// document-heads root (<c>fileflow-checkpoint/v2</c>, so bundles exported from it prove they end at the committed head) and replaces the file atomically.
/// </summary>
/// <remarks>Refresh only when no append is in flight, so the records read are a contiguous prefix of the log. With a checkpoint log, the empty
/// checkpoint and each one written by <see cref="AppendAsync"/> are also appended to it, each consistency-checked against the one before.</remarks>
internal sealed class CheckpointWriter(string path, string origin, ISigner signer, TimeProvider clock, CheckpointLog? log = null)
{
    private readonly MerkleLogBuilder builder = new();
    private readonly DocumentHeads heads = new();
    private SignedCheckpoint? last;

    /// <summary>Gets the size of the last checkpoint written.</summary>
    public long Size => builder.Size;

    /// <summary>Writes the checkpoint of an empty log: what a store holds before its first record.</summary>
    public async Task WriteEmptyAsync(CancellationToken cancellationToken)
    {
        await WriteAsync(cancellationToken).ConfigureAwait(false);
        if (log is not null)
        {
            await log.AppendAsync(last!, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Refreshes, then appends the checkpoint to the checkpoint log with the consistency proof from its latest entry (one pass over the store).</summary>
    public async Task AppendAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        await RefreshAsync(store, cancellationToken).ConfigureAwait(false);
        if (log is not null)
        {
            await log.AppendAsync(store, last!, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Folds in the records appended since the last refresh and writes the signed checkpoint.</summary>
    public async Task RefreshAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        await foreach (var record in store.ReadAllAsync(builder.Size, cancellationToken).ConfigureAwait(false))
        {
            if (record.Position != builder.Size)
            {
                throw new LogPositionGapException(builder.Size, record.Position);
            }

            builder.AppendLeaf(record.CanonicalBytes.Span);
            heads.Append(record);
        }

        await WriteAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        last = await new Checkpoint(origin, builder.Size, builder.RootHash, heads.Head(), clock.GetUtcNow()).SignAsync(signer, cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(path, last.ToText(), cancellationToken).ConfigureAwait(false);
    }
}
