using FileFlow.Records;

namespace FileFlow.Audit;

/// <summary>The store's first records no longer hash to a trusted checkpoint's root: a record was rewritten, deleted, inserted or reordered.</summary>
public sealed class LogRootMismatchException : LogVerificationException
{
    /// <summary>Initializes a new instance with the tree size and both roots.</summary>
    public LogRootMismatchException(long treeSize, Hash256 expectedRoot, Hash256 actualRoot)
        : base($"The first {treeSize} records of the log hash to {actualRoot}, not to the trusted checkpoint's root {expectedRoot}: a record was rewritten, deleted, inserted or reordered. Run the store verifier to find it, and restore from a backup.")
    {
        TreeSize = treeSize;
        ExpectedRoot = expectedRoot;
        ActualRoot = actualRoot;
    }

    /// <summary>Gets the tree size at which the roots were compared.</summary>
    public long TreeSize { get; }

    /// <summary>Gets the root the trusted checkpoint commits to.</summary>
    public Hash256 ExpectedRoot { get; }

    /// <summary>Gets the root the store's records hash to.</summary>
    public Hash256 ActualRoot { get; }
}
