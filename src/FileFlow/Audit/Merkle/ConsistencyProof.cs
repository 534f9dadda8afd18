using System.Collections.Immutable;
using System.Text;
using FileFlow.Records;

namespace FileFlow.Audit;

/// <summary>An RFC 9162 consistency proof: the hashes showing the tree of the first size is a prefix of the tree of the second size.</summary>
/// <remarks>
/// Immutable; compared by value. Text form (<see cref="ToText"/>), one item a line, each ending in LF:
/// <c>fileflow-consistency/v1</c>, the first size, the second size, then each proof hash as 64 lowercase hex digits.
/// </remarks>
public sealed record ConsistencyProof
{
    /// <summary>The first line of the text form.</summary>
    public const string Header = "fileflow-consistency/v1";

    /// <summary>Initializes a proof.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, the first is above the second, or the path is longer than 128 hashes.</exception>
    public ConsistencyProof(long firstSize, long secondSize, ImmutableArray<Hash256> path)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSize, secondSize);
        path = path.IsDefault ? [] : path;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(path.Length, 128, nameof(path));
        FirstSize = firstSize;
        SecondSize = secondSize;
        Path = path;
    }

    /// <summary>Gets the size of the earlier tree.</summary>
    public long FirstSize { get; }

    /// <summary>Gets the size of the later tree.</summary>
    public long SecondSize { get; }

    /// <summary>Gets the proof hashes, deepest first.</summary>
    public ImmutableArray<Hash256> Path { get; }

    /// <summary>Parses the text form written by <see cref="ToText"/>.</summary>
    /// <exception cref="LogFormatException">The text is not a consistency proof.</exception>
    public static ConsistencyProof Parse(string text)
    {
        const string What = "consistency proof";
        var lines = LogText.Lines(text, What);
        LogText.ExpectHeader(lines, Header, What);
        if (lines.Length < 3)
        {
            throw new LogFormatException("The consistency proof has no sizes.");
        }

        var first = LogText.ParseCount(lines[1], "first size");
        var second = LogText.ParseCount(lines[2], "second size");
        if (first > second)
        {
            throw new LogFormatException($"The first size {first} is above the second size {second}.");
        }

        if (lines.Length - 3 > 128)
        {
            throw new LogFormatException($"The consistency proof has {lines.Length - 3} hashes; no proof needs more than 128.");
        }

        var path = lines.Skip(3).Select((l, i) => LogText.ParseHash(l, $"proof hash {i + 1}")).ToImmutableArray();
        return new ConsistencyProof(first, second, path);
    }

    /// <summary>Returns the text form: header, both sizes and the proof hashes, one a line.</summary>
    public string ToText()
    {
        var text = new StringBuilder().Append(Header).Append('\n').Append(FirstSize).Append('\n').Append(SecondSize).Append('\n');
        foreach (var hash in Path)
        {
            text.Append(hash.ToString()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Checks the proof between two roots with RFC 9162 §2.1.4.2.</summary>
    public bool Verify(Hash256 firstRootHash, Hash256 secondRootHash) => MerkleTree.VerifyConsistency(this, firstRootHash, secondRootHash);

    /// <inheritdoc />
    public bool Equals(ConsistencyProof? other) =>
        other is not null && FirstSize == other.FirstSize && SecondSize == other.SecondSize && Path.SequenceEqual(other.Path);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(FirstSize, SecondSize, Path.Length);
}
