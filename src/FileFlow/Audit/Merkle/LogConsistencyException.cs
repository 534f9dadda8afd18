namespace FileFlow.Audit;

/// <summary>A later checkpoint does not extend an earlier one: the log was forked or rewritten between them.</summary>
public sealed class LogConsistencyException : LogVerificationException
{
    /// <summary>Initializes a new instance with both checkpoints' tree heads.</summary>
    public LogConsistencyException(TreeHead earlier, TreeHead later)
        : base($"The log of size {later.Size} (root {later.RootHash}) is not an extension of the log of size {earlier.Size} (root {earlier.RootHash}): it was forked or rewritten between the two checkpoints. Keep both checkpoints as evidence.")
    {
        Earlier = earlier;
        Later = later;
    }

    /// <summary>Gets the earlier checkpoint's size and root.</summary>
    public TreeHead Earlier { get; }

    /// <summary>Gets the later checkpoint's size and root.</summary>
    public TreeHead Later { get; }
}
