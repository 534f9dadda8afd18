using FileFlow.Records;

namespace FileFlow.Signing.Certificates;

/// <summary>The signer certificate does not chain to a trusted root; the record cannot be attributed to a certified officer.</summary>
public sealed class UntrustedCertificateException : CertificateSignatureException
{
    /// <summary>Initializes a new instance naming the record and the reason.</summary>
    public UntrustedCertificateException(TransitionRecord record, string reason)
        : base(record, SignatureFailure.Untrusted, reason)
    {
    }
}
