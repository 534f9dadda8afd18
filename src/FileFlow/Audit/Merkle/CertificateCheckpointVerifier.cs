using FileFlow.Signing;
using FileFlow.Signing.Certificates;

namespace FileFlow.Audit;

/// <summary>Verifies checkpoints signed in CMS by a log certificate the root certified: the certificate must chain to a trust anchor at the
/// checkpoint's time, be unrevoked, and state the <see cref="ServiceRole.Log"/> role; then the signature must cover the checkpoint's canonical bytes.</summary>
/// <remarks>Thread-safe. A log key re-made by whoever holds the store cannot be certified without the root's key, so a checkpoint it signs fails here.
/// The checkpoint's text form is unchanged: its key id is the log certificate's SHA-256 thumbprint (<see cref="CertificateKeyId"/>) and its scheme <c>cms</c>.</remarks>
public sealed class CertificateCheckpointVerifier : ICheckpointVerifier
{
    private readonly CertificateSignatureVerifier certificates;
    private readonly string? origin;
    private readonly string? pinnedKeyId;

    /// <summary>Initializes a verifier that trusts log certificates chaining to the anchors in <paramref name="trust"/>.</summary>
    /// <param name="trust">The trust anchors and CRLs.</param>
    /// <param name="origin">The one log origin accepted, or <see langword="null"/> for any.</param>
    /// <param name="logCertificateKeyId">The thumbprint of the one log certificate accepted (a copy of it kept elsewhere), or <see langword="null"/> for any with the Log role.</param>
    /// <exception cref="ArgumentException">No trust anchor is given, or a CRL cannot be parsed.</exception>
    public CertificateCheckpointVerifier(CertificateTrustOptions trust, string? origin = null, string? logCertificateKeyId = null)
    {
        certificates = new CertificateSignatureVerifier(trust);
        this.origin = origin;
        pinnedKeyId = logCertificateKeyId;
    }

    /// <inheritdoc />
    public SignatureCheck Verify(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (origin is not null && checkpoint.Checkpoint.Origin != origin)
        {
            return SignatureCheck.Fail(SignatureFailure.UnknownKey, $"the checkpoint is of log '{checkpoint.Checkpoint.Origin}', not '{origin}'");
        }

        if (pinnedKeyId is not null && !string.Equals(checkpoint.KeyId, pinnedKeyId, StringComparison.OrdinalIgnoreCase))
        {
            return SignatureCheck.Fail(SignatureFailure.UnknownKey, $"the checkpoint is signed by certificate '{checkpoint.KeyId}', not the log certificate '{pinnedKeyId}'");
        }

        if (checkpoint.Signature.Algorithm != CmsSigner.AlgorithmName)
        {
            return SignatureCheck.Fail(SignatureFailure.Untrusted,
                $"the checkpoint is signed with a bare '{checkpoint.Signature.Algorithm}' key, which no certificate vouches for; a log certificate with the {ServiceRole.Log} role must sign it in CMS");
        }

        var check = certificates.VerifyDetached(checkpoint.Checkpoint.ToCanonicalBytes(), checkpoint.Signature, checkpoint.Checkpoint.Timestamp, ServiceRole.Log, checkpoint.KeyId);
        return check.IsValid ? check : SignatureCheck.Fail(check.Failure, "the log certificate is not acceptable: " + check.Reason);
    }
}
