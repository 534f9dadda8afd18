namespace FileFlow.Pkcs11;

/// <summary>The base of the failures of a PKCS#11 module or token: a module that cannot be loaded, a token not present, a wrong PIN, a key missing.</summary>
/// <remarks>Messages name the module or token and never carry a PIN.</remarks>
public abstract class TokenException : FileFlowException
{
    /// <summary>Initializes a new instance with a message that says what happened and what to do.</summary>
    protected TokenException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
