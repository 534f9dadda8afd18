using FileFlow.Signing;

namespace FileFlow.Audit;

/// <summary>A signed checkpoint's signature does not verify with a key trusted for its log: it was altered, or signed by someone else.</summary>
public sealed class CheckpointSignatureException : LogVerificationException
{
    /// <summary>Initializes a new instance with the checkpoint's origin, key and the failed check.</summary>
    public CheckpointSignatureException(string origin, string keyId, SignatureCheck check)
        : base($"The checkpoint of log '{origin}' signed by key '{keyId}' does not verify ({check.Failure}: {check.Reason}). Do not trust it; fetch the copy kept elsewhere again.")
    {
        Origin = origin;
        KeyId = keyId;
        Check = check;
    }

    /// <summary>Gets the log the checkpoint claims to be for.</summary>
    public string Origin { get; }

    /// <summary>Gets the key the checkpoint claims to be signed with.</summary>
    public string KeyId { get; }

    /// <summary>Gets the failed signature check.</summary>
    public SignatureCheck Check { get; }
}
