namespace FileFlow.Storage;

/// <summary>A store that can report on itself for health checks: reachable, its schema version, its writer, its size.</summary>
/// <remarks>The SQLite and PostgreSQL stores implement it; a health check falls back to one small query for stores that do not.</remarks>
public interface IStoreHealthProbe
{
    /// <summary>Reaches the database with a fresh connection and reads its schema version and size; throws when it cannot.</summary>
    /// <exception cref="SchemaVersionException">The database was written by a newer FileFlow.</exception>
    ValueTask<StoreHealth> ProbeAsync(CancellationToken cancellationToken = default);
}
