using System.Globalization;
using System.Threading.Channels;
using FileFlow.Records;
using FileFlow.Storage;
using Microsoft.Data.Sqlite;

namespace FileFlow.Sqlite;

/// <summary>
/// A durable <see cref="IDocumentStore"/> in one SQLite file: an append-only <c>records</c> table in global order and a <c>heads</c>
/// projection written in the same transaction, in WAL mode with group commit.
/// </summary>
/// <remarks>
/// Thread-safe, and safe to share one file between processes. One kept connection writes; an append made while the writer is idle commits
/// on its caller's thread, concurrent appends are queued and committed together, each caller's batch atomic on its own, and an append
/// completes only once its commit is durable. Reads use pooled read-only
/// connections and never block the writer. Open with <see cref="OpenAsync(SqliteStoreOptions, CancellationToken)"/>; dispose to close.
/// </remarks>
public sealed partial class SqliteDocumentStore : IDocumentStore, IAsyncDisposable
{
    private readonly string readConnectionString;
    private readonly SqliteConnection writer;
    private readonly WriterCommands commands;
    private readonly Channel<WriteRequest> queue;
    private readonly int maxGroupSize;
    private readonly int busyTimeoutMilliseconds;
    private readonly Task writerLoop;
    private int disposed;
    private bool readOnly;

    // A read-only open of a WAL database creates its -wal and -shm files when they are not there; this names the database whose
    // traces the close removes again, so a reading command leaves the folder as it found it.
    private string? removeTracesOf;

    private SqliteDocumentStore(string readConnectionString, SqliteConnection writer, int maxGroupSize, int busyTimeoutMilliseconds)
    {
        this.readConnectionString = readConnectionString;
        this.writer = writer;
        this.maxGroupSize = maxGroupSize;
        this.busyTimeoutMilliseconds = busyTimeoutMilliseconds;
        commands = new WriterCommands(writer);
        queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        writerLoop = Task.Run(RunWriterAsync);
    }

    /// <summary>Gets the schema version this code creates and reads.</summary>
    public static int SchemaVersion => SqliteSchema.CurrentVersion;

    /// <summary>Opens (creating or migrating when needed) the store in a SQLite database file.</summary>
    /// <exception cref="ArgumentException">The options name no file, or hold invalid values.</exception>
    /// <exception cref="SchemaVersionException">The database was written by a newer FileFlow; it is left untouched.</exception>
    public static async ValueTask<SqliteDocumentStore> OpenAsync(SqliteStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseConnection = new SqliteConnectionStringBuilder(options.BuildConnectionString())
        {
            DefaultTimeout = (int)Math.Ceiling(Math.Max(30, options.BusyTimeout.TotalSeconds + 5)),
        };
        var write = new SqliteConnectionStringBuilder(baseConnection.ConnectionString) { Pooling = false };
        if (options.ReadOnly)
        {
            return await OpenReadOnlyAsync(write, baseConnection, options, cancellationToken).ConfigureAwait(false);
        }

        if (write.Mode != SqliteOpenMode.ReadWrite)
        {
            write.Mode = SqliteOpenMode.ReadWriteCreate;
        }

        var read = new SqliteConnectionStringBuilder(baseConnection.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = true };
        var connection = new SqliteConnection(write.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var busy = (int)Math.Min(int.MaxValue, options.BusyTimeout.TotalMilliseconds);
            Pragma(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busy}"));
            Pragma(connection, "PRAGMA journal_mode = WAL");
            Pragma(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{options.WriterCacheMegabytes * 1024L}"));
            Pragma(connection, options.SynchronousMode == SqliteSynchronousMode.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            cancellationToken.ThrowIfCancellationRequested();
            SqliteSchema.Migrate(connection);
            return new SqliteDocumentStore(read.ConnectionString, connection, options.GroupCommit ? options.MaxGroupSize : 1, busy);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async ValueTask<SqliteDocumentStore> OpenReadOnlyAsync(
        SqliteConnectionStringBuilder write, SqliteConnectionStringBuilder baseConnection, SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        if (options.Path is { } path && !File.Exists(path))
        {
            throw new FileNotFoundException($"No SQLite store at '{path}'; a read-only open does not create one.", path);
        }

        var tracesBefore = options.Path is { } given && File.Exists(given + "-wal");
        write.Mode = SqliteOpenMode.ReadOnly;
        var read = new SqliteConnectionStringBuilder(baseConnection.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = true };
        var connection = new SqliteConnection(write.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var busy = (int)Math.Min(int.MaxValue, options.BusyTimeout.TotalMilliseconds);
            Pragma(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busy}"));
            var found = SqliteSchema.ReadVersion(connection);
            if (found > SqliteSchema.CurrentVersion)
            {
                throw new SchemaVersionException($"SQLite database '{write.DataSource}'", found, SqliteSchema.CurrentVersion);
            }

            if (found < SqliteSchema.CurrentVersion)
            {
                throw new UnmigratedStoreException($"SQLite database '{write.DataSource}'", found, SqliteSchema.CurrentVersion);
            }

            return new SqliteDocumentStore(read.ConnectionString, connection, 1, busy)
            {
                readOnly = true,
                removeTracesOf = tracesBefore ? null : options.Path,
            };
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens (creating when needed) the store in a database file with default options: full durability and group commit.</summary>
    /// <exception cref="SchemaVersionException">The database was written by a newer FileFlow; it is left untouched.</exception>
    public static ValueTask<SqliteDocumentStore> OpenAsync(string path, CancellationToken cancellationToken = default) =>
        OpenAsync(new SqliteStoreOptions { Path = path }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask AppendAsync(IReadOnlyList<RecordAppend> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        for (var i = 0; i < batch.Count; i++)
        {
            var append = batch[i] ?? throw new ArgumentException($"Entry {i} of the batch is null.", nameof(batch));
            if (append.Head.Id != append.Record.DocumentId || append.Head.Sequence != append.Record.Sequence
                || append.Record.Record.DocumentId != append.Record.DocumentId || append.Record.Record.Sequence != append.Record.Sequence)
            {
                throw new ArgumentException($"Entry {i} of the batch: the head and the record name different documents or sequences.", nameof(batch));
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        ThrowIfReadOnly();

        var request = new WriteRequest(batch, null, cancellationToken);
        if (!TryCommitInline(request))
        {
            Enqueue(request);
        }

        await request.Completion.Task.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<long> NextSerialAsync(string scope, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfReadOnly();
        var request = new WriteRequest(null, scope, cancellationToken);
        if (!TryCommitInline(request))
        {
            Enqueue(request);
        }

        return await request.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Finishes the queued writes, closes the pooled read connections, folds the WAL into the database file and closes the write
    /// connection, so that after a clean close the <c>.db</c> file alone holds every record.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        queue.Writer.TryComplete();
        await writerLoop.ConfigureAwait(false);

        // Waits for an append committing on its caller's thread; the gate is never released, so nothing writes after this.
        await gate.WaitAsync().ConfigureAwait(false);
        gate.Dispose();
        commands.Dispose();
        CloseIdleReaders();
        CheckpointOnClose();
        await writer.DisposeAsync().ConfigureAwait(false);
        RemoveReadOnlyTraces();
    }

    private static void Pragma(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void ThrowIfReadOnly()
    {
        if (readOnly)
        {
            throw new InvalidOperationException("The SQLite store was opened read-only; it takes no appends.");
        }
    }

    private void Enqueue(WriteRequest request)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        Interlocked.Increment(ref queued);
        if (!queue.Writer.TryWrite(request))
        {
            Interlocked.Decrement(ref queued);
            throw new ObjectDisposedException(nameof(SqliteDocumentStore));
        }
    }

    /// <summary>One caller's batch, or one counter increment, waiting for the writer.</summary>
    private sealed class WriteRequest(IReadOnlyList<RecordAppend>? batch, string? scope, CancellationToken cancellationToken)
    {
        public IReadOnlyList<RecordAppend>? Batch { get; } = batch;

        public string? Scope { get; } = scope;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Result { get; set; }

        public Exception? Failure { get; set; }
    }
}
