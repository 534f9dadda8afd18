using FileFlow.PostgreSql;
using FileFlow.Sqlite;
using FileFlow.Storage;
using Npgsql;

namespace FileFlow.Cli.Infrastructure;

/// <summary>Opens the store a command works on: a SQLite file, an in-memory store (<c>--db :memory:</c>), or a PostgreSQL schema.</summary>
internal static class StoreFactory
{
    public const string InMemory = ":memory:";

    /// <summary>Refuses, with the one-line reason, a SQLite store file that is not there (PostgreSQL and in-memory stores pass).</summary>
    public static void EnsureExists(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!location.IsPostgres && location.DatabasePath != InMemory && !File.Exists(location.DatabasePath))
        {
            throw new CliException($"no store at '{location.DatabasePath}': run 'fileflow simulate' first or pass --db PATH");
        }
    }

    /// <summary>Refuses, with the one-line reason, a store that is not there: a missing SQLite file, or a PostgreSQL schema without a store.</summary>
    public static async Task EnsureExistsAsync(StoreLocation location, CancellationToken cancellationToken)
    {
        EnsureExists(location);
        if (location.PostgresConnection is { } connection && !await PostgresSchemaExistsAsync(connection, location.Schema, cancellationToken).ConfigureAwait(false))
        {
            throw new CliException($"no FileFlow store in PostgreSQL schema '{location.Schema}': run 'fileflow simulate --postgres …' first or pass --schema NAME");
        }
    }

    /// <summary>Opens the store; <paramref name="readOnly"/> (every reading command) opens it read-only: no schema created or migrated, no writes.</summary>
    public static async Task<OpenedStore> OpenAsync(
        StoreLocation location, bool mustExist, SqliteSynchronousMode synchronous = SqliteSynchronousMode.Full, bool readOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.PostgresConnection is { } connection)
        {
            return await OpenPostgresAsync(connection, location.Schema, mustExist, readOnly, cancellationToken).ConfigureAwait(false);
        }

        if (location.DatabasePath == InMemory)
        {
            // For measuring the engine without a disk; nothing survives the process.
            return new OpenedStore(new InMemoryDocumentStore(), null);
        }

        if (mustExist)
        {
            EnsureExists(location);
            if (SqliteFileCheck.EnsureOpenable(location.DatabasePath) && readOnly)
            {
                // A store cut short before its schema was written holds no record; reading it must not create the schema.
                return new OpenedStore(new InMemoryDocumentStore(), null);
            }
        }

        var store = await SqliteDocumentStore.OpenAsync(new SqliteStoreOptions
        {
            Path = location.DatabasePath, SynchronousMode = synchronous, GroupCommit = true, MaxGroupSize = 1024, ReadOnly = readOnly,
        }, cancellationToken).ConfigureAwait(false);
        return new OpenedStore(store, store);
    }

    /// <summary>Whether the PostgreSQL schema already holds a FileFlow store (its records table).</summary>
    public static async Task<bool> PostgresSchemaExistsAsync(string connection, string schema, CancellationToken cancellationToken)
    {
        var options = PostgresOptions(connection, schema);
        try
        {
            var db = new NpgsqlConnection(options.ConnectionString);
            await using var disposeDb = db.ConfigureAwait(false);
            await db.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'records')", db);
            await using var disposeCommand = command.ConfigureAwait(false);
            command.Parameters.AddWithValue(schema);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }
        catch (NpgsqlException e)
        {
            throw new CliException($"cannot reach PostgreSQL: {e.Message}");
        }
    }

    /// <summary>Drops a PostgreSQL schema and everything in it: what <c>simulate --force</c> does to replace a store.</summary>
    public static async Task DropPostgresSchemaAsync(string connection, string schema, CancellationToken cancellationToken)
    {
        var options = PostgresOptions(connection, schema);
        try
        {
            var db = new NpgsqlConnection(options.ConnectionString);
            await using var disposeDb = db.ConfigureAwait(false);
            await db.OpenAsync(cancellationToken).ConfigureAwait(false);

            // The schema name is validated (lowercase letters, digits, underscores) so quoting it is safe.
            var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{options.Schema}\" CASCADE", db);
            await using var disposeCommand = command.ConfigureAwait(false);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new CliException($"cannot drop PostgreSQL schema '{schema}': {e.Message}");
        }
    }

    private static async Task<OpenedStore> OpenPostgresAsync(string connection, string schema, bool mustExist, bool readOnly, CancellationToken cancellationToken)
    {
        // Reading commands must not create an empty schema as a side effect of a typo.
        if (mustExist && !await PostgresSchemaExistsAsync(connection, schema, cancellationToken).ConfigureAwait(false))
        {
            throw new CliException($"no FileFlow store in PostgreSQL schema '{schema}': run 'fileflow simulate --postgres …' first or pass --schema NAME");
        }

        try
        {
            var options = PostgresOptions(connection, schema);
            options.ReadOnly = readOnly;
            var store = await PostgreSqlDocumentStore.OpenAsync(options, cancellationToken).ConfigureAwait(false);
            return new OpenedStore(store, store);
        }
        catch (NpgsqlException e)
        {
            throw new CliException($"cannot open PostgreSQL store: {e.Message}");
        }
    }

    private static PostgreSqlStoreOptions PostgresOptions(string connection, string schema)
    {
        var options = new PostgreSqlStoreOptions { ConnectionString = connection, Schema = schema };
        try
        {
            options.Validate();
            _ = new NpgsqlConnectionStringBuilder(connection);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"bad PostgreSQL settings: {e.Message}");
        }

        return options;
    }
}
