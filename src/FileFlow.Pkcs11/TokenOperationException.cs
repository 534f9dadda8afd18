namespace FileFlow.Pkcs11;

/// <summary>A token failed an operation for another reason than those with their own type (a mechanism it lacks, a device error); the message names the PKCS#11 function and its return value.</summary>
public sealed class TokenOperationException : TokenException
{
    /// <summary>Initializes a new instance naming the token, the operation and the module's return value.</summary>
    public TokenOperationException(string token, string operation, string returnValue, Exception? innerException = null)
        : base($"The token '{token}' failed to {operation}: {returnValue}.", innerException)
    {
        Token = token;
        ReturnValue = returnValue;
    }

    /// <summary>Gets the label of the token that failed.</summary>
    public string Token { get; }

    /// <summary>Gets the PKCS#11 return value's name, for example <c>CKR_MECHANISM_INVALID</c>.</summary>
    public string ReturnValue { get; }
}
