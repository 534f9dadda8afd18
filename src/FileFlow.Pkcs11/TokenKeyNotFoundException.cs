namespace FileFlow.Pkcs11;

/// <summary>A token holds no signing key for what was asked: no certificate for the officer or label, or a certificate without its private key.</summary>
public sealed class TokenKeyNotFoundException : TokenException
{
    /// <summary>Initializes a new instance naming the token, what was sought and what is missing.</summary>
    public TokenKeyNotFoundException(string token, string sought, string reason)
        : base($"The token '{token}' has no signing key for {sought}: {reason}.")
    {
        Token = token;
        Sought = sought;
    }

    /// <summary>Gets the label of the token searched.</summary>
    public string Token { get; }

    /// <summary>Gets what was sought, for example "officer 'sunita'".</summary>
    public string Sought { get; }
}
