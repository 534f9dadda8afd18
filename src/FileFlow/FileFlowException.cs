namespace FileFlow;

/// <summary>The base of every domain failure FileFlow reports; a failed action leaves the store exactly as it was.</summary>
public abstract class FileFlowException : Exception
{
    /// <summary>Initializes a new instance with a message that says what happened and what to do.</summary>
    protected FileFlowException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the exception that caused it.</summary>
    protected FileFlowException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
