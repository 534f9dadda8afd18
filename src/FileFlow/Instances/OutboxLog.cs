using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Instances;

/// <summary>What a dispatcher has read of its store's log: every record's leaf hash, for the checkpoint and proofs of the bundles it sends, and the send
/// records of this instance not yet known delivered, each with its place among the sends (the outbox counter's numbering).</summary>
/// <remarks>Each dispatch reads only the records appended since the last; the first reads the whole log once. The store is append-only, so what was
/// read stays true; the last leaf is read again each time, and a log that no longer ends with it (a store restored from an older backup) is read from
/// the start. Holds one leaf hash a record (about 64 bytes) between dispatches. Not thread-safe: <see cref="InstanceTransfers"/> runs one dispatch at a
/// time.</remarks>
internal sealed class OutboxLog(string instance)
{
    private readonly List<Hash256> leaves = [];
    private readonly List<SignedRecord> sends = [];

    // How many of this instance's sends lie before sends[0]: those already delivered and forgotten.
    private long forgotten;

    /// <summary>Gets the leaf hashes of the log read so far, in position order.</summary>
    public IReadOnlyList<Hash256> Leaves => leaves;

    /// <summary>Reads the records appended since the last call, given how many sends the outbox counter says were delivered.</summary>
    /// <exception cref="LogPositionGapException">The store's positions are not contiguous.</exception>
    public async Task CatchUpAsync(IDocumentStore store, long delivered, CancellationToken cancellationToken)
    {
        // A count behind what was forgotten, or a log that no longer ends as read, is a store restored from a backup: read it all again.
        if (delivered < forgotten || (leaves.Count > 0 && !await EndsAsReadAsync(store, cancellationToken).ConfigureAwait(false)))
        {
            leaves.Clear();
            sends.Clear();
            forgotten = 0;
        }

        await foreach (var record in store.ReadAllAsync(leaves.Count, cancellationToken).ConfigureAwait(false))
        {
            if (record.Position != leaves.Count)
            {
                throw new LogPositionGapException(leaves.Count, record.Position);
            }

            leaves.Add(MerkleHasher.LeafHash(record));
            if (record.Record.Trigger == DocumentTrigger.SendToInstance && record.Record.Attribute(RecordAttributes.Instance) == instance)
            {
                sends.Add(record);
            }
        }
    }

    /// <summary>Returns the sends from the one numbered <paramref name="delivered"/> (counting from 0) on, in log order, forgetting those before it.</summary>
    public IReadOnlyList<SignedRecord> SendsFrom(long delivered)
    {
        var drop = (int)Math.Min(delivered - forgotten, sends.Count);
        sends.RemoveRange(0, drop);
        forgotten += drop;
        return [.. sends];
    }

    private async Task<bool> EndsAsReadAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        await foreach (var record in store.ReadAllAsync(leaves.Count - 1, cancellationToken).ConfigureAwait(false))
        {
            return record.Position == leaves.Count - 1 && MerkleHasher.LeafHash(record) == leaves[^1];
        }

        return false;
    }
}
