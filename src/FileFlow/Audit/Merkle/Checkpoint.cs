using System.Text;
using FileFlow.Records;
using FileFlow.Signing;

namespace FileFlow.Audit;

/// <summary>A statement that a log (its origin) had a given size and root hash at a given time; signed, and kept outside the store, it makes later tampering evident.</summary>
/// <remarks>
/// Immutable; compared by value. The timestamp is kept to the millisecond, in UTC. The canonical text, which is what gets signed, is five lines of ASCII, each ending in LF:
/// <code>
/// fileflow-checkpoint/v1
/// &lt;origin&gt;
/// &lt;tree size, decimal&gt;
/// &lt;root hash, 64 lowercase hex digits&gt;
/// &lt;timestamp, Unix milliseconds, decimal&gt;
/// </code>
/// A checkpoint that also commits to the log's document heads (<see cref="Heads"/>, see <see cref="DocumentHeads"/>) is seven lines, headed
/// <c>fileflow-checkpoint/v2</c>: the origin, tree size and root hash, then the number of documents and the document-heads root, then the timestamp.
/// The origin is 1 to 256 printable ASCII characters without leading or trailing spaces, naming the log (for example <c>health-dte.example.gov.in/fileflow</c>).
/// </remarks>
public sealed record Checkpoint
{
    /// <summary>The first line of the canonical text.</summary>
    public const string Header = "fileflow-checkpoint/v1";

    /// <summary>The first line of the canonical text of a checkpoint that also commits to the document heads.</summary>
    public const string HeadsHeader = "fileflow-checkpoint/v2";

    /// <summary>Initializes a checkpoint.</summary>
    /// <exception cref="ArgumentException">The origin is empty, too long, or not printable ASCII without leading or trailing spaces.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The tree size or the timestamp is before 0 (the Unix epoch).</exception>
    public Checkpoint(string origin, long treeSize, Hash256 rootHash, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (!IsValidOrigin(origin))
        {
            throw new ArgumentException("A log origin is 1 to 256 printable ASCII characters without leading or trailing spaces.", nameof(origin));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        var milliseconds = timestamp.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(timestamp));
        Origin = origin;
        TreeSize = treeSize;
        RootHash = rootHash;
        Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    /// <summary>Initializes a checkpoint that also commits to the log's document heads: each document's last sequence and record hash among the
    /// first <paramref name="treeSize"/> records, as the number of documents and the root of <see cref="DocumentHeads"/>.</summary>
    /// <exception cref="ArgumentException">The origin is empty, too long, or not printable ASCII without leading or trailing spaces.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The tree size, the number of documents or the timestamp is negative.</exception>
    public Checkpoint(string origin, long treeSize, Hash256 rootHash, TreeHead heads, DateTimeOffset timestamp)
        : this(origin, treeSize, rootHash, timestamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(heads.Size, nameof(heads));
        Heads = heads;
    }

    /// <summary>Gets the number of documents and the root of their heads (<see cref="DocumentHeads"/>) the checkpoint commits to, or
    /// <see langword="null"/> for a checkpoint of the log alone.</summary>
    public TreeHead? Heads { get; }

    /// <summary>Gets the name of the log the checkpoint is for.</summary>
    public string Origin { get; }

    /// <summary>Gets the number of records the checkpoint commits to: the first <see cref="TreeSize"/> records in global order.</summary>
    public long TreeSize { get; }

    /// <summary>Gets the RFC 6962 root hash over those records' canonical bytes.</summary>
    public Hash256 RootHash { get; }

    /// <summary>Gets when the checkpoint was taken, in UTC, to the millisecond; it is also the signing time.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets the tree size and root hash.</summary>
    public TreeHead Head => new(TreeSize, RootHash);

    /// <summary>Parses the canonical text written by <see cref="ToText"/>.</summary>
    /// <exception cref="LogFormatException">The text is not a canonical checkpoint.</exception>
    public static Checkpoint Parse(string text)
    {
        var lines = LogText.Lines(text, "checkpoint");
        return FromLines(lines, lines.Length);
    }

    /// <summary>Returns the canonical text: the five (with heads, seven) lines that are signed.</summary>
    public string ToText()
    {
        var text = new StringBuilder()
            .Append(Heads is null ? Header : HeadsHeader).Append('\n')
            .Append(Origin).Append('\n')
            .Append(TreeSize).Append('\n')
            .Append(RootHash.ToString()).Append('\n');
        if (Heads is { } heads)
        {
            text.Append(heads.Size).Append('\n').Append(heads.RootHash.ToString()).Append('\n');
        }

        return text.Append(Timestamp.ToUnixTimeMilliseconds()).Append('\n').ToString();
    }

    /// <summary>Returns how many lines the canonical text headed by <paramref name="header"/> has: 5, 7 with heads, or 0 when the header is none of them.</summary>
    internal static int LineCount(string header) => header switch
    {
        Header => 5,
        HeadsHeader => 7,
        _ => 0,
    };

    /// <summary>Returns the canonical text as ASCII bytes: what a signature covers.</summary>
    public byte[] ToCanonicalBytes() => Encoding.ASCII.GetBytes(ToText());

    /// <summary>Signs the canonical bytes with a signer, at the checkpoint's time, into a checkpoint that can be kept elsewhere.</summary>
    /// <exception cref="ArgumentException">The signer's key identifier or scheme contains whitespace or non-ASCII characters.</exception>
    public async ValueTask<SignedCheckpoint> SignAsync(ISigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var signature = await signer.SignAsync(ToCanonicalBytes(), Timestamp, cancellationToken).ConfigureAwait(false);
        return new SignedCheckpoint(this, signer.KeyId, signature);
    }

    internal static Checkpoint FromLines(string[] lines, int count)
    {
        var expected = lines.Length == 0 ? 0 : LineCount(lines[0]);
        if (expected == 0)
        {
            throw new LogFormatException($"The checkpoint does not start with '{Header}' or '{HeadsHeader}'.");
        }

        if (count != expected)
        {
            throw new LogFormatException($"A checkpoint is {expected} lines, not {count}.");
        }

        if (!IsValidOrigin(lines[1]))
        {
            throw new LogFormatException($"The origin '{LogText.Shorten(lines[1])}' is not 1 to 256 printable ASCII characters without leading or trailing spaces.");
        }

        var size = LogText.ParseCount(lines[2], "tree size");
        var root = LogText.ParseHash(lines[3], "root hash");
        TreeHead? heads = expected == 7 ? new TreeHead(LogText.ParseCount(lines[4], "number of documents"), LogText.ParseHash(lines[5], "document-heads root")) : null;
        var milliseconds = LogText.ParseCount(lines[expected - 1], "timestamp");
        if (milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new LogFormatException($"The timestamp {milliseconds} is beyond the year 9999.");
        }

        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return heads is { } h ? new Checkpoint(lines[1], size, root, h, timestamp) : new Checkpoint(lines[1], size, root, timestamp);
    }

    private static bool IsValidOrigin(string origin) =>
        origin.Length is > 0 and <= 256 && origin[0] != ' ' && origin[^1] != ' ' && origin.All(c => c is >= ' ' and < (char)0x7f);
}
