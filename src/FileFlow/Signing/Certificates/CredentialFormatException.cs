namespace FileFlow.Signing.Certificates;

/// <summary>A credential file (PKCS#12) could not be read: it is damaged, or does not hold exactly one private key with its certificate.</summary>
public sealed class CredentialFormatException : FileFlowException
{
    /// <summary>Initializes a new instance with what is wrong with the file.</summary>
    public CredentialFormatException(string message, Exception? innerException = null)
        : base(message + " Export the officer's key and certificate chain again from the token or certifying authority.", innerException)
    {
    }
}
