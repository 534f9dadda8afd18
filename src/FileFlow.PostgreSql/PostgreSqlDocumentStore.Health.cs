using FileFlow.Storage;
using Npgsql;

namespace FileFlow.PostgreSql;

/// <content>The health probe: one round trip reading the schema version and the log's size.</content>
public sealed partial class PostgreSqlDocumentStore : IStoreHealthProbe
{
    /// <inheritdoc />
    public async ValueTask<StoreHealth> ProbeAsync(CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand(Sql("SELECT (SELECT version FROM {s}.schema_version WHERE id = 1), (SELECT next_position FROM {s}.log_state WHERE id = 1)"), connection);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    var version = reader.IsDBNull(0) ? 0 : reader.GetInt32(0);
                    var records = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
                    if (version > SupportedSchemaVersion)
                    {
                        throw new SchemaVersionException($"PostgreSQL schema \"{schema}\"", version, SupportedSchemaVersion);
                    }

                    // Each append commits on its own pooled connection, so a reachable database is a writer that can commit.
                    var host = dataSource.ConnectionString is { } cs ? new NpgsqlConnectionStringBuilder(cs) : null;
                    return new StoreHealth($"PostgreSQL {host?.Host}/{host?.Database} schema {schema}", version, SupportedSchemaVersion, true, records);
                }
            }
        }
    }
}
