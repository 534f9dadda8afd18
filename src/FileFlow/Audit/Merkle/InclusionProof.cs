using System.Collections.Immutable;
using System.Text;
using FileFlow.Records;

namespace FileFlow.Audit;

/// <summary>An RFC 9162 inclusion proof: the sibling hashes from one leaf up to the root of a tree of a given size, nearest the leaf first.</summary>
/// <remarks>
/// Immutable; compared by value. Text form (<see cref="ToText"/>), one item a line, each ending in LF:
/// <c>fileflow-inclusion/v1</c>, the leaf index, the tree size, then each path hash as 64 lowercase hex digits.
/// </remarks>
public sealed record InclusionProof
{
    /// <summary>The first line of the text form.</summary>
    public const string Header = "fileflow-inclusion/v1";

    /// <summary>Initializes a proof.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative or not below the tree size, or the path is longer than 64 hashes.</exception>
    public InclusionProof(long leafIndex, long treeSize, ImmutableArray<Hash256> path)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, treeSize);
        path = path.IsDefault ? [] : path;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(path.Length, 64, nameof(path));
        LeafIndex = leafIndex;
        TreeSize = treeSize;
        Path = path;
    }

    /// <summary>Gets the zero-based index of the leaf: the record's global position.</summary>
    public long LeafIndex { get; }

    /// <summary>Gets the size of the tree the proof is for: a checkpoint's tree size.</summary>
    public long TreeSize { get; }

    /// <summary>Gets the sibling hashes from the leaf up to (not including) the root.</summary>
    public ImmutableArray<Hash256> Path { get; }

    /// <summary>Parses the text form written by <see cref="ToText"/>.</summary>
    /// <exception cref="LogFormatException">The text is not an inclusion proof.</exception>
    public static InclusionProof Parse(string text)
    {
        const string What = "inclusion proof";
        var lines = LogText.Lines(text, What);
        LogText.ExpectHeader(lines, Header, What);
        if (lines.Length < 3)
        {
            throw new LogFormatException("The inclusion proof has no leaf index or tree size.");
        }

        var index = LogText.ParseCount(lines[1], "leaf index");
        var size = LogText.ParseCount(lines[2], "tree size");
        if (index >= size)
        {
            throw new LogFormatException($"The leaf index {index} is not below the tree size {size}.");
        }

        if (lines.Length - 3 > 64)
        {
            throw new LogFormatException($"The inclusion proof has {lines.Length - 3} path hashes; a tree of at most 2^64 leaves needs at most 64.");
        }

        var path = lines.Skip(3).Select((l, i) => LogText.ParseHash(l, $"path hash {i + 1}")).ToImmutableArray();
        return new InclusionProof(index, size, path);
    }

    /// <summary>Returns the text form: header, leaf index, tree size and path hashes, one a line.</summary>
    public string ToText()
    {
        var text = new StringBuilder().Append(Header).Append('\n').Append(LeafIndex).Append('\n').Append(TreeSize).Append('\n');
        foreach (var hash in Path)
        {
            text.Append(hash.ToString()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Checks the proof for a leaf hash against a root with RFC 9162 §2.1.3.2.</summary>
    public bool Verify(Hash256 leafHash, Hash256 rootHash) => MerkleTree.VerifyInclusion(this, leafHash, rootHash);

    /// <inheritdoc />
    public bool Equals(InclusionProof? other) =>
        other is not null && LeafIndex == other.LeafIndex && TreeSize == other.TreeSize && Path.SequenceEqual(other.Path);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(LeafIndex, TreeSize, Path.Length);
}
