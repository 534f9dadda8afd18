namespace FileFlow.Audit;

/// <summary>The store's global log skips or repeats a position: records were removed (or inserted) without renumbering the rest.</summary>
public sealed class LogPositionGapException : LogVerificationException
{
    /// <summary>Initializes a new instance with the position expected and the one found.</summary>
    public LogPositionGapException(long expectedPosition, long actualPosition)
        : base($"The log goes to position {actualPosition} where position {expectedPosition} should come next: records were removed or inserted. Restore the store from a backup.")
    {
        ExpectedPosition = expectedPosition;
        ActualPosition = actualPosition;
    }

    /// <summary>Gets the position that should have come next.</summary>
    public long ExpectedPosition { get; }

    /// <summary>Gets the position the store returned instead.</summary>
    public long ActualPosition { get; }
}
