using Npgsql;

namespace FileFlow.Cli.Infrastructure;

/// <summary>
/// One <c>simulate</c> per store at a time: an exclusive lock on <c>&lt;db&gt;.lock</c> beside a SQLite file, or a session advisory lock
/// (<c>pg_try_advisory_lock</c>) for a PostgreSQL schema, held until the run ends; a second run is refused with one line.
/// </summary>
internal sealed class SimulationLock : IAsyncDisposable
{
    private readonly FileStream? file;
    private readonly NpgsqlConnection? connection;

    private SimulationLock(FileStream? file, NpgsqlConnection? connection)
    {
        this.file = file;
        this.connection = connection;
    }

    public static async Task<SimulationLock> AcquireAsync(StoreLocation location, CancellationToken cancellationToken)
    {
        if (location.PostgresConnection is { } connectionString)
        {
            // Its own unpooled session: a session lock on a pooled connection would outlive the run until the pool reset it.
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "fileflow.simulate." + location.Schema });
                if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
                {
                    throw new CliException($"another 'fileflow simulate' is writing to PostgreSQL schema '{location.Schema}'; wait for it to finish or use --schema another name");
                }

                return new SimulationLock(null, connection);
            }
            catch (Exception e) when (e is NpgsqlException or CliException)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw e as CliException ?? new CliException($"cannot lock PostgreSQL schema '{location.Schema}' for the simulation: {e.Message}");
            }
        }

        if (location.DatabasePath == StoreFactory.InMemory)
        {
            return new SimulationLock(null, null);
        }

        var path = Path.GetFullPath(location.DatabasePath) + ".lock";
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix and a share lock on Windows; it ends with the process.
            return new SimulationLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), null);
        }
        catch (DirectoryNotFoundException)
        {
            throw new CliException($"the folder of '{location.DatabasePath}' does not exist");
        }
        catch (IOException)
        {
            throw new CliException($"another 'fileflow simulate' is writing to '{location.DatabasePath}' (it holds '{path}'); wait for it to finish or use --db another path");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (file is not null)
        {
            await file.DisposeAsync().ConfigureAwait(false);
        }

        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
