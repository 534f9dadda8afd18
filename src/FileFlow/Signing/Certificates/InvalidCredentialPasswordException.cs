namespace FileFlow.Signing.Certificates;

/// <summary>A PKCS#12 (.pfx) file could not be opened because the password is wrong (or the file is damaged so its integrity check fails).</summary>
public sealed class InvalidCredentialPasswordException : FileFlowException
{
    /// <summary>Initializes a new instance wrapping the underlying integrity-check failure.</summary>
    public InvalidCredentialPasswordException(Exception? innerException = null)
        : base("The PKCS#12 password is wrong, or the file is damaged: its integrity check failed. Ask the officer for the password the file was exported with.", innerException)
    {
    }
}
