using System.IO.Compression;

namespace FileFlow.Audit;

/// <summary>Reads and writes the files of a bundle, kept either as a folder or as a .zip archive; paths are relative with '/' separators.</summary>
internal static class BundleArchive
{
    /// <summary>The largest file a bundle may hold; guards the verifier against a zip bomb.</summary>
    public const long MaxEntryLength = 64L * 1024 * 1024;

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

                        var input = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                        await using (input.ConfigureAwait(false))
                        {
                            using var buffer = new MemoryStream((int)entry.Length);
                            await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
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
}
