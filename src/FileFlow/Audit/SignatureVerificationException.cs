namespace FileFlow.Audit;

/// <summary>A record's signature did not verify; the exception names the record.</summary>
public sealed class SignatureVerificationException : VerificationFailedException
{
    /// <summary>Initializes a new instance for a signature failure.</summary>
    public SignatureVerificationException(VerificationFailure failure)
        : base(failure)
    {
    }
}
