using FileFlow.Organisation;

namespace FileFlow.Signing;

/// <summary>An officer tried to act but has no signer registered; nothing was stored.</summary>
public sealed class SignerNotFoundException : FileFlowException
{
    /// <summary>Initializes a new instance naming the officer.</summary>
    public SignerNotFoundException(OfficerId officer)
        : base($"Officer '{officer}' has no registered signer (key or certificate). Register one before the officer acts.")
    {
        Officer = officer;
    }

    /// <summary>Gets the officer without a signer.</summary>
    public OfficerId Officer { get; }
}
