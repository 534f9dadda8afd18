namespace FileFlow.Audit;

/// <summary>A checkpoint commits to other document heads (<see cref="DocumentHeads"/>) than the records it covers give: its signer stated heads the log does not hold.</summary>
public sealed class LogHeadsMismatchException : LogVerificationException
{
    /// <summary>Initializes a new instance with the checkpoint's tree size, the heads it commits to and the heads found.</summary>
    public LogHeadsMismatchException(long treeSize, TreeHead committed, TreeHead found)
        : base($"The checkpoint of {treeSize} records commits to {committed.Size} document heads with root {committed.RootHash}, but its records give {found.Size} with root {found.RootHash}: the checkpoint's document heads were made up. Do not trust bundles proved against it.")
    {
        TreeSize = treeSize;
        Committed = committed;
        Found = found;
    }

    /// <summary>Gets the tree size of the checkpoint.</summary>
    public long TreeSize { get; }

    /// <summary>Gets the number of documents and heads root the checkpoint commits to.</summary>
    public TreeHead Committed { get; }

    /// <summary>Gets the number of documents and heads root the store's records give.</summary>
    public TreeHead Found { get; }
}
