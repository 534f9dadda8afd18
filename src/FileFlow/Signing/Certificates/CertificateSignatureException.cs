using FileFlow.Audit;
using FileFlow.Records;

namespace FileFlow.Signing.Certificates;

/// <summary>A record's CMS signature or its certificate is not acceptable; the exception names the record (document and sequence) and the kind of failure.</summary>
public abstract class CertificateSignatureException : VerificationFailedException
{
    /// <summary>Initializes a new instance for a record, a kind of failure and a one-line reason.</summary>
    protected CertificateSignatureException(TransitionRecord record, SignatureFailure failure, string reason)
        : base(FailureOf(record, failure, reason))
    {
        SignatureFailure = failure;
        Reason = reason;
    }

    /// <summary>Gets the kind of signature failure.</summary>
    public SignatureFailure SignatureFailure { get; }

    /// <summary>Gets the one-line reason.</summary>
    public string Reason { get; }

    private static VerificationFailure FailureOf(TransitionRecord record, SignatureFailure failure, string reason)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new VerificationFailure(record.DocumentId, record.Sequence, VerificationFailureKind.BadSignature, $"{failure}: {reason}");
    }
}
