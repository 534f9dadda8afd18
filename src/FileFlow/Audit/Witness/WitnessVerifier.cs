using FileFlow.Signing;
using FileFlow.Signing.Certificates;

namespace FileFlow.Audit;

/// <summary>Verifies witnesses' countersignatures: a cosignature counts when it is a CMS signature, at its witnessing time, by a certificate that chains to a
/// trust anchor, is unrevoked and states the <see cref="ServiceRole.Witness"/> role (and, when pinned, is the one witness certificate expected).</summary>
/// <remarks>Thread-safe. A log's own certificate (Log role) cannot countersign: whoever holds the log key cannot witness their own checkpoint.</remarks>
public sealed class WitnessVerifier
{
    private readonly CertificateSignatureVerifier certificates;
    private readonly string? pinnedKeyId;

    /// <summary>Initializes a verifier that trusts witness certificates chaining to the anchors in <paramref name="trust"/>.</summary>
    /// <param name="trust">The trust anchors and CRLs.</param>
    /// <param name="witnessKeyId">The SHA-256 thumbprint of the one witness certificate accepted, or <see langword="null"/> for any with the Witness role.</param>
    /// <exception cref="ArgumentException">No trust anchor is given, or a CRL cannot be parsed.</exception>
    public WitnessVerifier(CertificateTrustOptions trust, string? witnessKeyId = null)
    {
        certificates = new CertificateSignatureVerifier(trust);
        pinnedKeyId = witnessKeyId;
    }

    /// <summary>Checks one cosignature over a checkpoint.</summary>
    public SignatureCheck Verify(Checkpoint checkpoint, Cosignature cosignature)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(cosignature);
        if (pinnedKeyId is not null && !string.Equals(cosignature.KeyId, pinnedKeyId, StringComparison.OrdinalIgnoreCase))
        {
            return SignatureCheck.Fail(SignatureFailure.UnknownKey, $"the cosignature is by certificate '{cosignature.KeyId}', not the witness certificate '{pinnedKeyId}'");
        }

        if (cosignature.Signature.Algorithm != CmsSigner.AlgorithmName)
        {
            return SignatureCheck.Fail(SignatureFailure.Untrusted, $"the cosignature is made with a bare '{cosignature.Signature.Algorithm}' key; a certificate with the {ServiceRole.Witness} role must sign it in CMS");
        }

        var check = certificates.VerifyDetached(Cosignature.SignedBytes(checkpoint, cosignature.WitnessedAt), cosignature.Signature, cosignature.WitnessedAt, ServiceRole.Witness, cosignature.KeyId);
        return check.IsValid ? check : SignatureCheck.Fail(check.Failure, "the witness certificate is not acceptable: " + check.Reason);
    }

    /// <summary>Checks that at least one cosignature of the checkpoint is valid; with none valid, the first failure (or "no cosignature").</summary>
    public SignatureCheck Verify(WitnessedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        SignatureCheck? first = null;
        foreach (var cosignature in checkpoint.Cosignatures)
        {
            var check = Verify(checkpoint.Checkpoint.Checkpoint, cosignature);
            if (check.IsValid)
            {
                return check;
            }

            first ??= check;
        }

        return first ?? SignatureCheck.Fail(SignatureFailure.UnknownKey, "the checkpoint has no witness's cosignature");
    }

    /// <summary>Returns the signed checkpoint a witnessed checkpoint vouches for when a witness's cosignature verifies.</summary>
    /// <exception cref="WitnessSignatureException">No cosignature verifies.</exception>
    public SignedCheckpoint VerifyOrThrow(WitnessedCheckpoint checkpoint)
    {
        var check = Verify(checkpoint);
        return check.IsValid ? checkpoint.Checkpoint : throw new WitnessSignatureException(checkpoint.Checkpoint.Checkpoint.Origin, check);
    }
}
