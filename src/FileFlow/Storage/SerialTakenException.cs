namespace FileFlow.Storage;

/// <summary>An append claimed a counter value another append or allocation took first; nothing was appended. The engine allocates again and re-signs.</summary>
public sealed class SerialTakenException : FileFlowException
{
    /// <summary>Initializes a new instance naming the counter and the value that was no longer free.</summary>
    public SerialTakenException(string scope, long value)
        : base($"Value {value} of counter '{scope}' has already been taken; nothing was appended. Allocate the number again.")
    {
        Scope = scope;
        Value = value;
    }

    /// <summary>Gets the counter's name.</summary>
    public string Scope { get; }

    /// <summary>Gets the value that was claimed.</summary>
    public long Value { get; }
}
