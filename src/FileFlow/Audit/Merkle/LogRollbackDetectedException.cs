namespace FileFlow.Audit;

/// <summary>The store holds fewer records than a trusted checkpoint commits to: it was rolled back to an earlier state, or records were deleted.</summary>
public sealed class LogRollbackDetectedException : LogVerificationException
{
    /// <summary>Initializes a new instance with the size the checkpoint commits to and the size found.</summary>
    public LogRollbackDetectedException(long expectedSize, long actualSize)
        : base($"The log holds {actualSize} records but a trusted checkpoint commits to {expectedSize}: the store was rolled back or records were deleted. Restore it from a backup that reproduces the checkpoint.")
    {
        ExpectedSize = expectedSize;
        ActualSize = actualSize;
    }

    /// <summary>Gets the tree size the trusted checkpoint commits to.</summary>
    public long ExpectedSize { get; }

    /// <summary>Gets the number of records (or the tree size) found instead.</summary>
    public long ActualSize { get; }
}
