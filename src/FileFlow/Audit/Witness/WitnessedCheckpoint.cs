using System.Collections.Immutable;
using System.Text;

namespace FileFlow.Audit;

/// <summary>A signed checkpoint with the countersignatures of the witnesses that checked it extends what they witnessed before.</summary>
/// <remarks>Immutable. Text form (<see cref="ToText"/>): the <see cref="SignedCheckpoint"/> text, then one <see cref="Cosignature"/> line
/// per witness, each line ending in LF. A file that holds only the signed checkpoint parses with no cosignatures.</remarks>
public sealed class WitnessedCheckpoint
{
    /// <summary>Initializes a witnessed checkpoint.</summary>
    public WitnessedCheckpoint(SignedCheckpoint checkpoint, ImmutableArray<Cosignature> cosignatures)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Checkpoint = checkpoint;
        Cosignatures = cosignatures.IsDefault ? [] : cosignatures;
    }

    /// <summary>Gets the log's signed checkpoint.</summary>
    public SignedCheckpoint Checkpoint { get; }

    /// <summary>Gets the witnesses' countersignatures.</summary>
    public ImmutableArray<Cosignature> Cosignatures { get; }

    /// <summary>Parses the text form written by <see cref="ToText"/>.</summary>
    /// <exception cref="LogFormatException">The text is not a witnessed checkpoint.</exception>
    public static WitnessedCheckpoint Parse(string text)
    {
        var lines = LogText.Lines(text, "witnessed checkpoint");
        var signed = (lines.Length == 0 ? 0 : FileFlow.Audit.Checkpoint.LineCount(lines[0])) + 2;
        if (signed == 2 || lines.Length < signed)
        {
            throw new LogFormatException($"A witnessed checkpoint is a signed checkpoint and cosignature lines, not these {lines.Length} lines.");
        }

        var checkpoint = SignedCheckpoint.Parse(string.Join('\n', lines.Take(signed)) + "\n");
        var cosignatures = lines.Skip(signed).Select(Cosignature.ParseLine).ToImmutableArray();
        return new WitnessedCheckpoint(checkpoint, cosignatures);
    }

    /// <summary>Returns the text form: the signed checkpoint, then one cosignature line per witness.</summary>
    public string ToText()
    {
        var text = new StringBuilder(Checkpoint.ToText());
        foreach (var cosignature in Cosignatures)
        {
            text.Append(cosignature.ToLine()).Append('\n');
        }

        return text.ToString();
    }
}
