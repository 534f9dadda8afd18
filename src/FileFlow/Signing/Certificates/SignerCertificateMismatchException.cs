using FileFlow.Records;

namespace FileFlow.Signing.Certificates;

/// <summary>The record names a signing key (certificate thumbprint) other than the certificate that made its CMS signature.</summary>
public sealed class SignerCertificateMismatchException : CertificateSignatureException
{
    /// <summary>Initializes a new instance naming the record and the reason.</summary>
    public SignerCertificateMismatchException(TransitionRecord record, string reason)
        : base(record, SignatureFailure.UnknownKey, reason)
    {
    }
}
