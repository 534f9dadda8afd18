namespace FileFlow.Audit;

/// <summary>Text that should be a checkpoint, a signed checkpoint or a Merkle proof is malformed; the message names the line and what is wrong.</summary>
public sealed class LogFormatException : FileFlowException
{
    /// <summary>Initializes a new instance naming the problem.</summary>
    public LogFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance naming the problem and its cause.</summary>
    public LogFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
