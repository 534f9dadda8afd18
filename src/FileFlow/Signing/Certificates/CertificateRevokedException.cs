using FileFlow.Records;

namespace FileFlow.Signing.Certificates;

/// <summary>A certificate in the signer's chain had been revoked at or before the record's signing time.</summary>
/// <remarks>Records signed before the revocation time stay valid; only those made at or after it fail.</remarks>
public sealed class CertificateRevokedException : CertificateSignatureException
{
    /// <summary>Initializes a new instance naming the record, the certificate, when it was revoked and why.</summary>
    public CertificateRevokedException(TransitionRecord record, string reason, string subject, DateTimeOffset revokedAt, RevocationReason revocationReason)
        : base(record, SignatureFailure.Revoked, reason)
    {
        Subject = subject;
        RevokedAt = revokedAt;
        RevocationReason = revocationReason;
    }

    /// <summary>Gets the subject of the revoked certificate.</summary>
    public string Subject { get; }

    /// <summary>Gets when the revocation took effect.</summary>
    public DateTimeOffset RevokedAt { get; }

    /// <summary>Gets the reason the CRL gives.</summary>
    public RevocationReason RevocationReason { get; }
}
