namespace FileFlow.Cli.Infrastructure;

/// <summary>Writes a file whole or not at all: to a temporary name beside it, flushed to disk, then renamed over the target.</summary>
internal static class AtomicFile
{
    /// <summary>The suffix of the temporary file a write goes through; one left behind by a killed process is never read.</summary>
    public const string TemporarySuffix = ".tmp";

    public static async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temporary = path + TemporarySuffix;
        var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static Task WriteAllTextAsync(string path, string content, CancellationToken cancellationToken) =>
        WriteAllBytesAsync(path, System.Text.Encoding.UTF8.GetBytes(content), cancellationToken);
}
