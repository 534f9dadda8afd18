using FileFlow.Records;

namespace FileFlow.Signing.Certificates;

/// <summary>The signer certificate's key usage allows neither digital signature nor non-repudiation, so it may not sign records.</summary>
public sealed class WrongKeyUsageException : CertificateSignatureException
{
    /// <summary>Initializes a new instance naming the record and the reason.</summary>
    public WrongKeyUsageException(TransitionRecord record, string reason)
        : base(record, SignatureFailure.WrongKeyUsage, reason)
    {
    }
}
