namespace FileFlow.Pkcs11;

/// <summary>No token with the label (or serial number) asked for is present in any slot of the module, or the token was removed while in use.</summary>
public sealed class TokenNotPresentException : TokenException
{
    /// <summary>Initializes a new instance naming the token sought and the tokens that are present.</summary>
    public TokenNotPresentException(string token, IReadOnlyList<string> present, Exception? innerException = null)
        : base(present.Count == 0
            ? $"The token '{token}' is not present: no initialised token is in any slot. Insert the officer's token."
            : $"The token '{token}' is not present; the tokens present are {string.Join(", ", present.Select(p => "'" + p + "'"))}. Insert the officer's token.", innerException)
    {
        Token = token;
        Present = present;
    }

    /// <summary>Gets the label (or serial number) of the token sought.</summary>
    public string Token { get; }

    /// <summary>Gets the labels of the tokens present when it was sought.</summary>
    public IReadOnlyList<string> Present { get; }
}
