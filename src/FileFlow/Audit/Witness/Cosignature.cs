using System.Globalization;
using System.Text;
using FileFlow.Signing;

namespace FileFlow.Audit;

/// <summary>A witness's countersignature of a checkpoint: the witness's key id, when it witnessed, and its signature over <see cref="SignedBytes"/>.</summary>
/// <remarks>Immutable. Text form: one line <c>cosignature &lt;key id&gt; &lt;Unix milliseconds&gt; &lt;scheme&gt; &lt;signature, base64&gt;</c>.</remarks>
public sealed class Cosignature
{
    /// <summary>The first line of the bytes a witness signs.</summary>
    public const string Header = "fileflow-cosignature/v1";

    internal const string Prefix = "cosignature ";

    /// <summary>Initializes a cosignature.</summary>
    /// <exception cref="ArgumentException">The key id or scheme is empty or contains whitespace or non-ASCII characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The time is before the Unix epoch.</exception>
    public Cosignature(string keyId, DateTimeOffset witnessedAt, RecordSignature signature)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(signature);
        if (!LogText.IsToken(keyId) || signature.Algorithm is null || !LogText.IsToken(signature.Algorithm) || signature.Value is null || signature.Value.Length == 0)
        {
            throw new ArgumentException("A cosignature's key id and scheme are printable ASCII without spaces, and its value is required.", nameof(signature));
        }

        var milliseconds = witnessedAt.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(witnessedAt));
        KeyId = keyId;
        WitnessedAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        Signature = signature;
    }

    /// <summary>Gets the identifier of the witness's key (for a certificate, its SHA-256 thumbprint).</summary>
    public string KeyId { get; }

    /// <summary>Gets when the witness countersigned, in UTC, to the millisecond; it is also the signing time.</summary>
    public DateTimeOffset WitnessedAt { get; }

    /// <summary>Gets the witness's signature over <see cref="SignedBytes"/>.</summary>
    public RecordSignature Signature { get; }

    /// <summary>Returns the bytes a witness signs: <see cref="Header"/>, the witnessing time in Unix milliseconds, then the checkpoint's canonical text; each line ends in LF.</summary>
    public static byte[] SignedBytes(Checkpoint checkpoint, DateTimeOffset witnessedAt)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return Encoding.ASCII.GetBytes(Header + "\n" + witnessedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "\n" + checkpoint.ToText());
    }

    /// <summary>Returns the text line (without its LF).</summary>
    public string ToLine() => Prefix + KeyId + " " + WitnessedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + " " + Signature.Algorithm + " " + Convert.ToBase64String(Signature.Value);

    internal static Cosignature ParseLine(string line)
    {
        var parts = line.StartsWith(Prefix, StringComparison.Ordinal) ? line[Prefix.Length..].Split(' ') : [];
        if (parts.Length != 4 || !LogText.IsToken(parts[0]) || !LogText.IsToken(parts[2]))
        {
            throw new LogFormatException($"The line '{LogText.Shorten(line)}' is not 'cosignature <key id> <unix ms> <scheme> <base64>'.");
        }

        var milliseconds = LogText.ParseCount(parts[1], "witnessing time");
        if (milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new LogFormatException($"The witnessing time {milliseconds} is beyond the year 9999.");
        }

        byte[] value;
        try
        {
            value = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException e)
        {
            throw new LogFormatException("The cosignature is not valid base64.", e);
        }

        if (value.Length == 0)
        {
            throw new LogFormatException("The cosignature is empty.");
        }

        return new Cosignature(parts[0], DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), new RecordSignature(parts[2], value));
    }
}
