using System.Globalization;
using System.Text;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>The heads of every document among a log's first records, as a Merkle tree a checkpoint can commit to (<see cref="Checkpoint.Heads"/>): one leaf per
/// document, in ordinal order of its id's text, saying its last sequence and the SHA-256 of that record's canonical bytes. With the inclusion proof of its
/// document's leaf, a bundle shows it ends at the head the checkpoint committed to, so a bundle without its last record fails even with a re-signed manifest.</summary>
/// <remarks>Not thread-safe while being built. Holds one entry per document (about 80 bytes each). Leaf bytes: <c>fileflow-head/v1</c>, the document id, the
/// sequence (decimal) and the hash (64 lowercase hex digits), each line ending in LF.</remarks>
public sealed class DocumentHeads
{
    private readonly SortedDictionary<string, (long Sequence, Hash256 Hash)> heads = new(StringComparer.Ordinal);

    /// <summary>Gets the number of records folded in.</summary>
    public long Size { get; private set; }

    /// <summary>Gets the number of documents.</summary>
    public int Count => heads.Count;

    /// <summary>Returns the leaf bytes that state a document's head.</summary>
    public static byte[] Leaf(DocumentId document, long sequence, Hash256 hash) => Leaf(document.ToString(), sequence, hash);

    private static byte[] Leaf(string document, long sequence, Hash256 hash) =>
        Encoding.ASCII.GetBytes("fileflow-head/v1\n" + document + "\n" + sequence.ToString(CultureInfo.InvariantCulture) + "\n" + hash + "\n");

    /// <summary>Reads the store's first <paramref name="treeSize"/> records and returns their document heads.</summary>
    /// <exception cref="LogRollbackDetectedException">The store holds fewer than <paramref name="treeSize"/> records.</exception>
    /// <exception cref="LogPositionGapException">The store's positions are not contiguous.</exception>
    public static async Task<DocumentHeads> ComputeAsync(IDocumentStore store, long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        var result = new DocumentHeads();
        if (treeSize > 0)
        {
            await foreach (var record in store.ReadAllAsync(0, cancellationToken).ConfigureAwait(false))
            {
                if (record.Position != result.Size)
                {
                    throw new LogPositionGapException(result.Size, record.Position);
                }

                result.Append(record);
                if (result.Size == treeSize)
                {
                    break;
                }
            }
        }

        return result.Size == treeSize ? result : throw new LogRollbackDetectedException(treeSize, result.Size);
    }

    /// <summary>Folds in the next record of the log.</summary>
    public void Append(SignedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        heads[record.DocumentId.ToString()] = (record.Sequence, record.Hash);
        Size++;
    }

    /// <summary>Returns the number of documents and the root over their heads.</summary>
    public TreeHead Head()
    {
        var builder = new MerkleLogBuilder();
        foreach (var (id, head) in heads)
        {
            builder.AppendLeaf(Leaf(id, head.Sequence, head.Hash));
        }

        return builder.Head;
    }

    /// <summary>Returns a document's head and the inclusion proof of its leaf, or <see langword="null"/> when the document has no record among those folded in.</summary>
    public (long Sequence, Hash256 Hash, InclusionProof Proof)? Prove(DocumentId document)
    {
        var key = document.ToString();
        if (!heads.TryGetValue(key, out var head))
        {
            return null;
        }

        var leaves = heads.Select(h => MerkleHasher.LeafHash(Leaf(h.Key, h.Value.Sequence, h.Value.Hash))).ToList();
        var index = heads.Keys.TakeWhile(k => StringComparer.Ordinal.Compare(k, key) < 0).Count();
        return (head.Sequence, head.Hash, MerkleTree.CreateInclusionProof(leaves, index, leaves.Count));
    }
}
