using System.Globalization;
using FileFlow.Storage;
using Microsoft.Data.Sqlite;

namespace FileFlow.Sqlite;

/// <content>Operating the file: online backups, the health probe, and folding the WAL into the database file on close.</content>
public sealed partial class SqliteDocumentStore : IStoreHealthProbe
{
    /// <summary>The longest a closing store waits for other connections' readers before leaving the WAL for the last one to fold in.</summary>
    private const int CloseCheckpointWaitMilliseconds = 5000;

    /// <summary>
    /// Copies the database to <paramref name="path"/> with SQLite's online backup: a consistent snapshot of every committed record, taken
    /// while writers go on. The copy is one self-contained file (no <c>-wal</c>), written to a temporary name and renamed into place.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or names this store's own file.</exception>
    /// <exception cref="IOException">A file already exists at <paramref name="path"/>; nothing was written.</exception>
    public async Task BackupAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var target = Path.GetFullPath(path);
        if (string.Equals(target, Path.GetFullPath(new SqliteConnectionStringBuilder(readConnectionString).DataSource), StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{path}' is the store's own file; back up to another path.", nameof(path));
        }

        if (File.Exists(target))
        {
            throw new IOException($"'{target}' already exists; back up to a new path (nothing was written).");
        }

        var temporary = target + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            var source = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var destination = new SqliteConnection(new SqliteConnectionStringBuilder
                {
                    DataSource = temporary, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false,
                }.ConnectionString);
                await using (destination.ConfigureAwait(false))
                {
                    await destination.OpenAsync(cancellationToken).ConfigureAwait(false);

                    // One backup step over every page inside one read transaction: a snapshot that concurrent commits do not disturb.
                    await Task.Run(() => source.BackupDatabase(destination), cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();

                    // The copy carries the WAL flag; fold everything into its main file so it stands alone.
                    Pragma(destination, "PRAGMA wal_checkpoint(TRUNCATE)");
                    Pragma(destination, "PRAGMA journal_mode = DELETE");
                }
            }

            File.Move(temporary, target, overwrite: false);
        }
        finally
        {
            foreach (var leftover in new[] { temporary, temporary + "-wal", temporary + "-shm", temporary + "-journal" })
            {
                File.Delete(leftover);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<StoreHealth> ProbeAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var version = SqliteSchema.ReadVersion(connection);
            if (version > SqliteSchema.CurrentVersion)
            {
                throw new SchemaVersionException("SQLite", version, SqliteSchema.CurrentVersion);
            }

            using var command = connection.CreateCommand();
            command.CommandText = version == 0 ? "SELECT 0" : "SELECT coalesce(max(position) + 1, 0) FROM records";
            var records = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            var alive = Volatile.Read(ref disposed) == 0 && !writerLoop.IsCompleted;
            return new StoreHealth("SQLite " + new SqliteConnectionStringBuilder(readConnectionString).DataSource, version, SqliteSchema.CurrentVersion, alive, records);
        }
    }

    /// <summary>
    /// Closes the pooled read connections, then folds the WAL into the database file (TRUNCATE) so the file alone holds every record once
    /// this process lets go. Best effort: when another process still reads, the WAL stays for the last connection to fold in.
    /// </summary>
    private void CheckpointOnClose()
    {
        using (var pooled = new SqliteConnection(readConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        try
        {
            Pragma(writer, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {Math.Min(busyTimeoutMilliseconds, CloseCheckpointWaitMilliseconds)}"));
            Pragma(writer, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch (SqliteException)
        {
            // Busy or read-only: the records are safe in the WAL, and the next clean close folds them in.
        }
    }

    private void RemoveReadOnlyTraces()
    {
        if (removeTracesOf is not { } path || new FileInfo(path + "-wal") is not { Exists: true, Length: 0 })
        {
            return;
        }

        try
        {
            // Opened read-write without create and closed at once, with nothing written: as the last connection it removes the empty
            // -wal and the -shm; the database file is not changed.
            using var last = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString);
            last.Open();
            using var read = last.CreateCommand();
            read.CommandText = "SELECT count(*) FROM sqlite_master";
            read.ExecuteScalar();
        }
        catch (SqliteException)
        {
            // A read-only folder or file, or another process holds the database: the traces stay, as they would with SQLite alone.
        }
    }
}
