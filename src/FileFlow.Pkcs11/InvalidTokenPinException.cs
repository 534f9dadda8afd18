namespace FileFlow.Pkcs11;

/// <summary>A token refused the user PIN: it is wrong, or the token is locked after too many wrong PINs. The PIN itself is never part of the message.</summary>
public sealed class InvalidTokenPinException : TokenException
{
    /// <summary>Initializes a new instance naming the token.</summary>
    /// <param name="token">The token's label.</param>
    /// <param name="locked">Whether the token is locked (no PIN is accepted until its security officer unblocks it).</param>
    /// <param name="innerException">The module's error.</param>
    public InvalidTokenPinException(string token, bool locked, Exception? innerException = null)
        : base(locked
            ? $"The token '{token}' is locked after too many wrong PINs; its security officer must unblock it before it can sign."
            : $"The PIN for the token '{token}' is wrong. Ask the officer to enter it again: the token locks itself after a few wrong tries.", innerException)
    {
        Token = token;
        IsLocked = locked;
    }

    /// <summary>Gets the label of the token that refused the PIN.</summary>
    public string Token { get; }

    /// <summary>Gets a value indicating whether the token is locked rather than the PIN merely wrong.</summary>
    public bool IsLocked { get; }
}
