using FileFlow.Sqlite;
using FileFlow.Storage;

namespace FileFlow.Cli.Infrastructure;

/// <summary>Opens the store a command works on. PostgreSQL is wired here once its project lands.</summary>
internal static class StoreFactory
{
    public const string InMemory = ":memory:";

    public static async Task<OpenedStore> OpenAsync(StoreLocation location, bool mustExist, SqliteSynchronousMode synchronous = SqliteSynchronousMode.Full, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.PostgresConnection is { } connection)
        {
            return await OpenPostgresAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        if (location.DatabasePath == InMemory)
        {
            // For measuring the engine without a disk; nothing survives the process.
            return new OpenedStore(new InMemoryDocumentStore(), null);
        }

        if (mustExist && !File.Exists(location.DatabasePath))
        {
            throw new CliException($"no store at '{location.DatabasePath}': run 'fileflow simulate' first or pass --db PATH");
        }

        var store = await SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = location.DatabasePath, SynchronousMode = synchronous, GroupCommit = true, MaxGroupSize = 1024 }, cancellationToken).ConfigureAwait(false);
        return new OpenedStore(store, store);
    }

    /// <summary>The one place the PostgreSQL store gets opened; the lead wires <c>FileFlow.PostgreSql</c> in here.</summary>
    private static Task<OpenedStore> OpenPostgresAsync(string connection, CancellationToken cancellationToken)
    {
        _ = connection;
        _ = cancellationToken;
        throw new CliException("PostgreSQL store not available in this build");
    }
}
