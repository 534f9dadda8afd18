using FileFlow.Signing;

namespace FileFlow.Audit;

/// <summary>Checks that a signed checkpoint was signed by a key trusted for its log's origin: raw public keys, a certificate chain or an HSM.</summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface ICheckpointVerifier
{
    /// <summary>Checks the signature over the checkpoint's canonical bytes, and that the key is trusted for the checkpoint's origin.</summary>
    SignatureCheck Verify(SignedCheckpoint checkpoint);
}
