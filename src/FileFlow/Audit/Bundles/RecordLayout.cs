using FileFlow.Records;

namespace FileFlow.Audit;

/// <summary>Finds where the previous hash and the content hash sit inside a record's canonical bytes, so an auditor can cut them out with <c>od</c>.</summary>
/// <remarks>Follows the layout documented on <see cref="RecordCodec"/>: 45 fixed bytes, five strings, the capacity byte, the holder string, the time, then the previous hash.</remarks>
internal static class RecordLayout
{
    private const int FixedPrefix = 4 + 1 + 16 + 8 + 16;

    /// <summary>Returns the byte offsets of the previous hash and (when present) the content hash of well-formed canonical bytes.</summary>
    public static (int PreviousHash, int? ContentHash) Offsets(ReadOnlySpan<byte> bytes)
    {
        var at = FixedPrefix;
        for (var i = 0; i < 5; i++)
        {
            at = SkipString(bytes, at);
        }

        at = SkipString(bytes, at + 1) + 8;
        var previous = at;
        var flag = at + Hash256.Length;
        return (previous, bytes[flag] == 1 ? flag + 1 : null);
    }

    private static int SkipString(ReadOnlySpan<byte> bytes, int at)
    {
        ulong length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            length |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return checked(at + (int)length);
    }
}
