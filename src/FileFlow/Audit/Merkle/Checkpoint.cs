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
/// The origin is 1 to 256 printable ASCII characters without leading or trailing spaces, naming the log (for example <c>health-dte.example.gov.in/fileflow</c>).
/// </remarks>
public sealed record Checkpoint
{
    /// <summary>The first line of the canonical text.</summary>
    public const string Header = "fileflow-checkpoint/v1";

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

    /// <summary>Returns the canonical text: the five lines that are signed.</summary>
    public string ToText() => new StringBuilder()
        .Append(Header).Append('\n')
        .Append(Origin).Append('\n')
        .Append(TreeSize).Append('\n')
        .Append(RootHash.ToString()).Append('\n')
        .Append(Timestamp.ToUnixTimeMilliseconds()).Append('\n')
        .ToString();

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
        LogText.ExpectHeader(lines, Header, "checkpoint");
        if (count != 5)
        {
            throw new LogFormatException($"A checkpoint is 5 lines, not {count}.");
        }

        if (!IsValidOrigin(lines[1]))
        {
            throw new LogFormatException($"The origin '{LogText.Shorten(lines[1])}' is not 1 to 256 printable ASCII characters without leading or trailing spaces.");
        }

        var size = LogText.ParseCount(lines[2], "tree size");
        var root = LogText.ParseHash(lines[3], "root hash");
        var milliseconds = LogText.ParseCount(lines[4], "timestamp");
        if (milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new LogFormatException($"The timestamp {milliseconds} is beyond the year 9999.");
        }

        return new Checkpoint(lines[1], size, root, DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));
    }

    private static bool IsValidOrigin(string origin) =>
        origin.Length is > 0 and <= 256 && origin[0] != ' ' && origin[^1] != ' ' && origin.All(c => c is >= ' ' and < (char)0x7f);
}
