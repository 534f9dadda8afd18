using FileFlow.Documents;

namespace FileFlow.Audit;

/// <summary>Verification found a bad record; the exception names the document, the sequence number and the reason.</summary>
public class VerificationFailedException : FileFlowException
{
    /// <summary>Initializes a new instance for a failure.</summary>
    public VerificationFailedException(VerificationFailure failure)
        : base($"Verification failed at {failure?.ToString()}")
    {
        ArgumentNullException.ThrowIfNull(failure);
        Failure = failure;
    }

    /// <summary>Gets the failure.</summary>
    public VerificationFailure Failure { get; }

    /// <summary>Gets the document with the bad record.</summary>
    public DocumentId DocumentId => Failure.DocumentId;

    /// <summary>Gets the sequence number of the bad record.</summary>
    public long Sequence => Failure.Sequence;
}
