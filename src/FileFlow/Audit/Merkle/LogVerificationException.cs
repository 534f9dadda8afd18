namespace FileFlow.Audit;

/// <summary>The base of every failure found when checking a store's Merkle log against a checkpoint kept elsewhere: catch it to catch them all.</summary>
public abstract class LogVerificationException : FileFlowException
{
    /// <summary>Initializes a new instance with a message that says what happened and what to do.</summary>
    protected LogVerificationException(string message)
        : base(message)
    {
    }
}
