using Microsoft.Data.Sqlite;

namespace FileFlow.Sqlite;

/// <summary>Where a <see cref="SqliteDocumentStore"/> keeps its database and how it commits; validated once when the store opens.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Gets or sets the path of the database file; it is created when missing.</summary>
    /// <value><see langword="null"/> by default; set this or <see cref="ConnectionString"/>.</value>
    public string? Path { get; set; }

    /// <summary>Gets or sets a full Microsoft.Data.Sqlite connection string, for settings <see cref="Path"/> cannot express.</summary>
    /// <value><see langword="null"/> by default; set this or <see cref="Path"/>.</value>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets how hard each commit is pushed to disk.</summary>
    /// <value><see cref="SqliteSynchronousMode.Full"/> by default: an acknowledged append survives a power loss.</value>
    public SqliteSynchronousMode SynchronousMode { get; set; } = SqliteSynchronousMode.Full;

    /// <summary>Gets or sets whether the store is opened read-only: the file is opened with <c>Mode=ReadOnly</c>, no schema is created or migrated,
    /// and appends and counters throw <see cref="InvalidOperationException"/>.</summary>
    /// <value><see langword="false"/> by default. A read-only open of a file without a current FileFlow schema throws
    /// <see cref="FileFlow.Storage.UnmigratedStoreException"/> and leaves the file byte-identical.</value>
    public bool ReadOnly { get; set; }

    /// <summary>Gets or sets whether concurrent appends are committed together in one transaction (each caller's batch still atomic on its own).</summary>
    /// <value><see langword="true"/> by default; <see langword="false"/> gives one durable commit per append.</value>
    public bool GroupCommit { get; set; } = true;

    /// <summary>Gets or sets the most appends (and counter increments) one group commit takes.</summary>
    /// <value>256 by default; between 1 and 100,000.</value>
    public int MaxGroupSize { get; set; } = 256;

    /// <summary>Gets or sets how much page cache the writing connection keeps, in mebibytes; a large store's random keys need room.</summary>
    /// <value>64 by default; between 1 and 65,536.</value>
    public int WriterCacheMegabytes { get; set; } = 64;

    /// <summary>Gets or sets how long a write waits for another process that holds the database's write lock.</summary>
    /// <value>30 seconds by default.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal string BuildConnectionString()
    {
        if ((Path is null) == (ConnectionString is null))
        {
            throw new ArgumentException("Set exactly one of SqliteStoreOptions.Path and SqliteStoreOptions.ConnectionString.");
        }

        if (Path is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(Path, nameof(Path));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxGroupSize, 1, nameof(MaxGroupSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxGroupSize, 100_000, nameof(MaxGroupSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(BusyTimeout, TimeSpan.Zero, nameof(BusyTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(WriterCacheMegabytes, 1, nameof(WriterCacheMegabytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(WriterCacheMegabytes, 65_536, nameof(WriterCacheMegabytes));
        if (!Enum.IsDefined(SynchronousMode))
        {
            throw new ArgumentOutOfRangeException(nameof(SynchronousMode), SynchronousMode, "Not a synchronous mode.");
        }

        var builder = ConnectionString is null ? new SqliteConnectionStringBuilder { DataSource = Path } : new SqliteConnectionStringBuilder(ConnectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("The SQLite store needs a database file; in-memory databases are not supported (use InMemoryDocumentStore).");
        }

        return builder.ConnectionString;
    }
}
