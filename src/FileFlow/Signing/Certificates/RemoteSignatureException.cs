namespace FileFlow.Signing.Certificates;

/// <summary>A remote signing service returned something other than a detached CMS signature over the record by the expected certificate; nothing was stored.</summary>
public sealed class RemoteSignatureException : FileFlowException
{
    /// <summary>Initializes a new instance saying what was wrong with the service's answer.</summary>
    public RemoteSignatureException(string reason, Exception? innerException = null)
        : base($"The remote signing service returned an unusable signature: {reason}. Check the service's configuration and the officer's certificate, then retry the action.", innerException)
    {
    }
}
