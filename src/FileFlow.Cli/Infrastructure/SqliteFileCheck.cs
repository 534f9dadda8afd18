using System.Buffers.Binary;
using FileFlow.Sqlite;
using Microsoft.Data.Sqlite;

namespace FileFlow.Cli.Infrastructure;

/// <summary>
/// Looks at a SQLite store file before a command opens it for writing, and refuses with one line what is not a FileFlow store this code
/// can open: empty, not SQLite, truncated, another application's database, or a newer schema version. Reads only; changes nothing.
/// </summary>
internal static class SqliteFileCheck
{
    private static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    /// <summary>Refuses what cannot be opened; returns true for a blank store: one whose creation a killed 'simulate' cut short
    /// after writing its sidecars (an empty file, or a database with no tables yet), which holds no record.</summary>
    public static bool EnsureOpenable(string path)
    {
        var sidecars = new Sidecars(path);
        var blankAllowed = File.Exists(sidecars.RootCertificate) && CommitsToNoRecord(sidecars.Checkpoint);
        var length = new FileInfo(path).Length;
        if (length == 0 && !(new FileInfo(path + "-wal") is { Exists: true, Length: > 0 }))
        {
            if (blankAllowed)
            {
                return true;
            }

            throw new CliException($"'{path}' is empty, not a FileFlow store: run 'fileflow simulate' or pass --db PATH");
        }

        var header = new byte[100];
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (length < header.Length || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new CliException($"'{path}' is not a SQLite database, so not a FileFlow store: check --db");
        }

        // The header's page count is valid when its change counter matches "version valid for"; pages still in a WAL may lie beyond it.
        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16)) is var p && p == 1 ? 65536 : (long)p;
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        var counterValid = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24)) == BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92));
        var wal = new FileInfo(path + "-wal");
        if (counterValid && pages > 0 && length < pages * pageSize && !(wal.Exists && wal.Length > 0))
        {
            throw new CliException($"'{path}' is truncated: {length:N0} bytes where its header says {pages * pageSize:N0}; restore it from a backup");
        }

        int version;
        try
        {
            // Read-write without create, but only read: as the last connection to close it removes the -wal and -shm a WAL database
            // needs while open, where a read-only connection would leave them behind.
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            // A database with no tables yet is a store whose creation was cut short (a simulate killed at its start): it opens empty.
            command.CommandText = "SELECT count(*) FROM sqlite_master";
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0 && blankAllowed)
            {
                return true;
            }

            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('schema_info', 'records', 'heads')";
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) < 3)
            {
                throw new CliException($"'{path}' is a SQLite database but not a FileFlow store (no records, heads and schema_info tables): check --db");
            }

            command.CommandText = "SELECT version FROM schema_info WHERE id = 1";
            version = command.ExecuteScalar() is long v ? (int)v : 0;
        }
        catch (SqliteException e)
        {
            throw new CliException($"'{path}' cannot be read as a FileFlow store: {e.Message} (damaged? restore it from a backup)");
        }

        if (version > SqliteDocumentStore.SchemaVersion)
        {
            throw new CliException(
                $"'{path}' has schema version {version}, newer than this fileflow supports ({SqliteDocumentStore.SchemaVersion}): upgrade fileflow; nothing was changed");
        }

        return false;
    }

    // A blank store is accepted only beside the checkpoint of an empty log that a 'simulate' signs before its first record; beside the
    // checkpoint of a log with records it is a store emptied or replaced, which must not read as an empty store.
    private static bool CommitsToNoRecord(string checkpointPath)
    {
        try
        {
            return File.Exists(checkpointPath) && FileFlow.Audit.SignedCheckpoint.Parse(File.ReadAllText(checkpointPath)).Checkpoint.TreeSize == 0;
        }
        catch (FileFlow.Audit.LogFormatException)
        {
            return false;
        }
    }
}
