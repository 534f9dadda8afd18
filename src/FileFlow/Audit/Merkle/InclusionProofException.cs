namespace FileFlow.Audit;

/// <summary>An inclusion proof does not show the record at its position in the checkpointed log: the record, the proof or the log was altered.</summary>
public sealed class InclusionProofException : LogVerificationException
{
    /// <summary>Initializes a new instance with the leaf index and tree size of the failed proof.</summary>
    public InclusionProofException(long leafIndex, long treeSize, string reason)
        : base($"The record at position {leafIndex} is not proven to be in the log of size {treeSize}: {reason}.")
    {
        LeafIndex = leafIndex;
        TreeSize = treeSize;
    }

    /// <summary>Gets the position the proof is for.</summary>
    public long LeafIndex { get; }

    /// <summary>Gets the tree size the proof is for.</summary>
    public long TreeSize { get; }
}
