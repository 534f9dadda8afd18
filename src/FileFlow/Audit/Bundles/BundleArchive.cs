using System.IO.Compression;

namespace FileFlow.Audit;

/// <summary>Reads and writes the files of a bundle, kept either as a folder or as a .zip archive; paths are relative with '/' separators.</summary>
internal static class BundleArchive
{
    /// <summary>The largest file a bundle may hold; guards the verifier against a zip bomb.</summary>
    public const long MaxEntryLength = 64L * 1024 * 1024;

    /// <summary>The most bytes all files of a bundle may hold together, counted as they are read (not as a zip declares them).</summary>
    public const long MaxTotalLength = 256L * 1024 * 1024;

    /// <summary>The most files a bundle may hold.</summary>
    public const int MaxEntries = 100_000;

    public static bool IsZip(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a manifest path is a plain relative path inside the bundle: letters, digits, '.', '-', '_' and '/' only, no '..'.</summary>
    public static bool IsSafePath(string path) =>
        path.Length is > 0 and <= 512 && path[0] != '/' && !path.EndsWith('/')
        && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/')
        && path.Split('/').All(part => part.Length > 0 && part != "." && part != "..");

    public static async Task WriteAsync(string path, IReadOnlyList<KeyValuePair<string, byte[]>> files, DateTimeOffset time, CancellationToken cancellationToken)
    {
        if (IsZip(path))
        {
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
                await using (zip.ConfigureAwait(false))
                {
                    foreach (var (name, data) in files)
                    {
                        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                        entry.LastWriteTime = time;
                        var output = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                        await using (output.ConfigureAwait(false))
                        {
                            await output.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }

            return;
        }

        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new ArgumentException($"The folder '{path}' is not empty; export a bundle into a new or empty folder.", nameof(path));
        }

        foreach (var (name, data) in files)
        {
            var target = Path.Combine(path, name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, data, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads every file of a bundle folder or zip into memory, keyed by relative path.</summary>
    /// <exception cref="BundleFormatException">The path is neither a folder nor a readable zip, or a file is too large.</exception>
    public static async Task<Dictionary<string, byte[]>> ReadAllAsync(string path, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        if (Directory.Exists(path))
        {
            var root = Path.GetFullPath(path);
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                var info = new FileInfo(file);
                if (info.Length > MaxEntryLength)
                {
                    throw new BundleFormatException($"'{file}' is larger than {MaxEntryLength} bytes; no file of a bundle is.");
                }

                total += info.Length;
                CheckLimits(files.Count + 1, total);

                var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
                files[relative] = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            }

            return files;
        }

        if (!File.Exists(path))
        {
            throw new BundleFormatException($"'{path}' is neither a bundle folder nor a bundle .zip file.");
        }

        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                var zip = new ZipArchive(stream, ZipArchiveMode.Read);
                await using (zip.ConfigureAwait(false))
                {
                    if (zip.Entries.Count > MaxEntries)
                    {
                        throw new BundleFormatException($"the zip holds {zip.Entries.Count} entries; a bundle holds at most {MaxEntries} files.");
                    }

                    var chunk = new byte[81920];
                    foreach (var entry in zip.Entries)
                    {
                        if (entry.FullName.EndsWith('/'))
                        {
                            continue;
                        }

                        if (entry.Length > MaxEntryLength)
                        {
                            throw new BundleFormatException($"'{entry.FullName}' is larger than {MaxEntryLength} bytes; no file of a bundle is.");
                        }

                        CheckLimits(files.Count + 1, total + entry.Length);
                        var input = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                        await using (input.ConfigureAwait(false))
                        {
                            // Count what is inflated, not what the zip declares: a forged size cannot make the reader hold more.
                            using var buffer = new MemoryStream((int)Math.Min(entry.Length, 1 << 20));
                            int read;
                            while ((read = await input.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                            {
                                total += read;
                                if (buffer.Length + read > MaxEntryLength)
                                {
                                    throw new BundleFormatException($"'{entry.FullName}' inflates past {MaxEntryLength} bytes; no file of a bundle is.");
                                }

                                CheckLimits(files.Count + 1, total);
                                buffer.Write(chunk, 0, read);
                            }

                            if (!files.TryAdd(entry.FullName, buffer.ToArray()))
                            {
                                throw new BundleFormatException($"The zip holds '{entry.FullName}' twice.");
                            }
                        }
                    }
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new BundleFormatException($"'{path}' is not a readable zip archive: {e.Message}", e);
        }

        return files;
    }

    private static void CheckLimits(int entries, long total)
    {
        if (entries > MaxEntries)
        {
            throw new BundleFormatException($"the bundle holds more than {MaxEntries} files; no bundle does.");
        }

        if (total > MaxTotalLength)
        {
            throw new BundleFormatException($"the bundle's files add up to more than {MaxTotalLength / (1024 * 1024)} MiB; no bundle does.");
        }
    }
}
