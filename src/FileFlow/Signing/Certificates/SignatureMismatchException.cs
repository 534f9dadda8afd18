using FileFlow.Records;

namespace FileFlow.Signing.Certificates;

/// <summary>The CMS signature does not match the record: the record, its time or the signature was altered.</summary>
public sealed class SignatureMismatchException : CertificateSignatureException
{
    /// <summary>Initializes a new instance naming the record and the reason.</summary>
    public SignatureMismatchException(TransitionRecord record, string reason)
        : base(record, SignatureFailure.Invalid, reason)
    {
    }
}
