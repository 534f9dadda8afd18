using FileFlow.Records;

namespace FileFlow.Signing.Certificates;

/// <summary>A certificate in the signer's chain was expired or not yet valid at the record's signing time.</summary>
public sealed class CertificateNotValidAtSigningTimeException : CertificateSignatureException
{
    /// <summary>Initializes a new instance naming the record, the certificate and its validity.</summary>
    public CertificateNotValidAtSigningTimeException(TransitionRecord record, string reason, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
        : base(record, SignatureFailure.OutsideValidity, reason)
    {
        Subject = subject;
        NotBefore = notBefore;
        NotAfter = notAfter;
    }

    /// <summary>Gets the subject of the certificate that was not valid.</summary>
    public string Subject { get; }

    /// <summary>Gets the start of that certificate's validity.</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>Gets the end of that certificate's validity.</summary>
    public DateTimeOffset NotAfter { get; }
}
