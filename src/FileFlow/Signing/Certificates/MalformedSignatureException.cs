using FileFlow.Records;

namespace FileFlow.Signing.Certificates;

/// <summary>The record's signature is not a detached CMS SignedData FileFlow can read, or uses an algorithm that does not fit its certificate.</summary>
public sealed class MalformedSignatureException : CertificateSignatureException
{
    /// <summary>Initializes a new instance naming the record and the reason.</summary>
    public MalformedSignatureException(TransitionRecord record, string reason)
        : base(record, SignatureFailure.Malformed, reason)
    {
    }
}
