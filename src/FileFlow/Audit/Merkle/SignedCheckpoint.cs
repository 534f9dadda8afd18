using System.Text;
using FileFlow.Signing;

namespace FileFlow.Audit;

/// <summary>A checkpoint with the signature of the log's key over its canonical bytes: the form that is written to a file and kept away from the store.</summary>
/// <remarks>
/// Immutable. Text form (<see cref="ToText"/>): the checkpoint's five (with heads, seven) canonical lines, an empty line, then one signature line
/// <c>signature &lt;key id&gt; &lt;scheme&gt; &lt;signature, base64&gt;</c>, each line ending in LF. Parsing accepts CRLF line ends
/// (the signature covers the canonical LF form rebuilt from the parsed fields).
/// </remarks>
public sealed class SignedCheckpoint
{
    private const string SignaturePrefix = "signature ";

    /// <summary>Initializes a signed checkpoint.</summary>
    /// <exception cref="ArgumentException">The key identifier or the scheme is empty or contains whitespace or non-ASCII characters.</exception>
    public SignedCheckpoint(Checkpoint checkpoint, string keyId, RecordSignature signature)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(signature);
        if (!LogText.IsToken(keyId))
        {
            throw new ArgumentException("A key identifier in a signed checkpoint is 1 to 256 printable ASCII characters without spaces.", nameof(keyId));
        }

        if (signature.Algorithm is null || !LogText.IsToken(signature.Algorithm) || signature.Value is null)
        {
            throw new ArgumentException("A signature scheme is 1 to 256 printable ASCII characters without spaces, and the value is required.", nameof(signature));
        }

        Checkpoint = checkpoint;
        KeyId = keyId;
        Signature = signature;
    }

    /// <summary>Gets the checkpoint that was signed.</summary>
    public Checkpoint Checkpoint { get; }

    /// <summary>Gets the identifier of the key that signed.</summary>
    public string KeyId { get; }

    /// <summary>Gets the signature over the checkpoint's canonical bytes.</summary>
    public RecordSignature Signature { get; }

    /// <summary>Parses the text form written by <see cref="ToText"/>.</summary>
    /// <exception cref="LogFormatException">The text is not a signed checkpoint.</exception>
    public static SignedCheckpoint Parse(string text)
    {
        var lines = LogText.Lines(text, "signed checkpoint");
        var count = lines.Length == 0 ? 0 : Checkpoint.LineCount(lines[0]);
        if (count == 0)
        {
            throw new LogFormatException($"The signed checkpoint does not start with '{Checkpoint.Header}' or '{Checkpoint.HeadsHeader}'.");
        }

        if (lines.Length != count + 2 || lines[count].Length != 0)
        {
            throw new LogFormatException($"A signed checkpoint is {count} checkpoint lines, an empty line and a signature line, not {lines.Length} lines as found.");
        }

        var checkpoint = Checkpoint.FromLines(lines, count);
        var line = lines[count + 1];
        var parts = line.StartsWith(SignaturePrefix, StringComparison.Ordinal) ? line[SignaturePrefix.Length..].Split(' ') : [];
        if (parts.Length != 3 || !LogText.IsToken(parts[0]) || !LogText.IsToken(parts[1]))
        {
            throw new LogFormatException($"The signature line '{LogText.Shorten(line)}' is not 'signature <key id> <scheme> <base64>'.");
        }

        byte[] value;
        try
        {
            value = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException e)
        {
            throw new LogFormatException("The signature is not valid base64.", e);
        }

        if (value.Length == 0)
        {
            throw new LogFormatException("The signature is empty.");
        }

        return new SignedCheckpoint(checkpoint, parts[0], new RecordSignature(parts[1], value));
    }

    /// <summary>Returns the text form: the canonical checkpoint, an empty line and the signature line.</summary>
    public string ToText() => new StringBuilder(Checkpoint.ToText())
        .Append('\n')
        .Append(SignaturePrefix).Append(KeyId).Append(' ').Append(Signature.Algorithm).Append(' ').Append(Convert.ToBase64String(Signature.Value)).Append('\n')
        .ToString();
}
