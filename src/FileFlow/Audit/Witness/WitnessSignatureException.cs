using FileFlow.Signing;

namespace FileFlow.Audit;

/// <summary>A checkpoint said to be witnessed carries no cosignature that verifies with a trusted witness certificate: it was not witnessed, or altered.</summary>
public sealed class WitnessSignatureException : LogVerificationException
{
    /// <summary>Initializes a new instance with the checkpoint's origin and the failed check.</summary>
    public WitnessSignatureException(string origin, SignatureCheck check)
        : base($"The checkpoint of log '{origin}' is not countersigned by a trusted witness ({check.Failure}: {check.Reason}). Do not trust it as witnessed; ask the witness for its copy.")
    {
        Origin = origin;
        Check = check;
    }

    /// <summary>Gets the log the checkpoint claims to be for.</summary>
    public string Origin { get; }

    /// <summary>Gets the failed check of the first cosignature (or that there is none).</summary>
    public SignatureCheck Check { get; }
}
