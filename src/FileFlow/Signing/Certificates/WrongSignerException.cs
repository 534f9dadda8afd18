using FileFlow.Organisation;
using FileFlow.Records;

namespace FileFlow.Signing.Certificates;

/// <summary>The signer certificate belongs to another officer than the record's actor: one officer signed for another.</summary>
public sealed class WrongSignerException : CertificateSignatureException
{
    /// <summary>Initializes a new instance naming the record, the reason and the officer the certificate names.</summary>
    public WrongSignerException(TransitionRecord record, string reason, OfficerId? certificateOfficer)
        : base(record, SignatureFailure.WrongSigner, reason)
    {
        CertificateOfficer = certificateOfficer;
    }

    /// <summary>Gets the officer the certificate names, or <see langword="null"/> when it names none.</summary>
    public OfficerId? CertificateOfficer { get; }
}
