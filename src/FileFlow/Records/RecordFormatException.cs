namespace FileFlow.Records;

/// <summary>Bytes that should be a record's canonical form are not: truncated, reordered, padded or corrupted.</summary>
public sealed class RecordFormatException : FileFlowException
{
    /// <summary>Initializes a new instance naming the problem.</summary>
    public RecordFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance naming the problem and its cause.</summary>
    public RecordFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
