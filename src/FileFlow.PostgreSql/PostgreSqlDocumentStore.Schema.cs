using System.Globalization;
using FileFlow.Documents;
using FileFlow.Storage;
using Npgsql;

namespace FileFlow.PostgreSql;

/// <content>Creating and migrating the schema.</content>
public sealed partial class PostgreSqlDocumentStore
{
    /// <summary>The newest schema version this code creates and reads; a database at a higher version is refused.</summary>
    public const int SupportedSchemaVersion = 1;

    // Documents needing no more action, as a SQL predicate derived from DocumentStates.IsPending: states finished for every kind,
    // then the states finished for one kind only (a frozen noting, an issued draft).
    private static readonly string PendingPredicate = BuildPendingPredicate();

    // Migration n takes the schema from version n - 1 to version n; {s} is the quoted schema name.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE {s}.log_state (
            id            integer PRIMARY KEY CHECK (id = 1),
            next_position bigint  NOT NULL
        );
        INSERT INTO {s}.log_state (id, next_position) VALUES (1, 0);

        CREATE TABLE {s}.records (
            position            bigint  PRIMARY KEY,
            document_id         uuid    NOT NULL,
            sequence            bigint  NOT NULL,
            action_id           uuid    NOT NULL,
            canonical           bytea   NOT NULL,
            signature_algorithm text    NOT NULL,
            signature           bytea   NOT NULL,
            content             bytea   NULL,
            CONSTRAINT records_document_sequence UNIQUE (document_id, sequence),
            CONSTRAINT records_action_document UNIQUE (action_id, document_id)
        );

        CREATE TABLE {s}.heads (
            id              uuid        PRIMARY KEY,
            kind            smallint    NOT NULL,
            state           smallint    NOT NULL,
            holder          text        NOT NULL,
            sequence        bigint      NOT NULL,
            last_hash       bytea       NOT NULL,
            last_trigger    smallint    NOT NULL,
            last_actor      text        NOT NULL,
            last_acting_as  text        NOT NULL,
            previous_holder text        NOT NULL,
            created_by      text        NOT NULL,
            creator         text        NOT NULL,
            created_at      timestamptz NOT NULL,
            updated_at      timestamptz NOT NULL,
            updated_ms      bigint      NOT NULL,
            reference       text        NULL,
            subject         text        NULL,
            service_id      text        NULL,
            parent          uuid        NULL,
            due_at          timestamptz NULL,
            extras          text        NULL
        );
        CREATE INDEX heads_order ON {s}.heads (updated_ms, id);
        CREATE INDEX heads_inbox ON {s}.heads (holder, updated_ms, id);
        CREATE INDEX heads_state ON {s}.heads (state, updated_ms, id);
        CREATE INDEX heads_pending ON {s}.heads (kind, holder, service_id) WHERE {pending};
        CREATE INDEX heads_parent ON {s}.heads (parent) WHERE parent IS NOT NULL;
        CREATE INDEX heads_service ON {s}.heads (service_id, updated_ms, id) WHERE service_id IS NOT NULL;
        CREATE INDEX heads_due ON {s}.heads (due_at) WHERE due_at IS NOT NULL;
        CREATE INDEX heads_reference ON {s}.heads (lower(reference) text_pattern_ops) WHERE reference IS NOT NULL;

        CREATE TABLE {s}.counters (
            scope text   PRIMARY KEY,
            value bigint NOT NULL
        );
        """,
    ];

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // A schema already at this version needs no write, so a store opens on a read-only server too (a hot standby, for reading).
            var current = await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (current == SupportedSchemaVersion)
            {
                return;
            }

            if (current > SupportedSchemaVersion)
            {
                throw new SchemaVersionException($"PostgreSQL schema \"{schema}\"", current, SupportedSchemaVersion);
            }

            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Concurrent openers of one schema queue here; the lock ends with the transaction.
                await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", cancellationToken, "fileflow.schema." + schema).ConfigureAwait(false);
                await ExecuteAsync(connection, Sql("CREATE SCHEMA IF NOT EXISTS {s}; CREATE TABLE IF NOT EXISTS {s}.schema_version (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)"), cancellationToken).ConfigureAwait(false);

                int found;
                using (var command = new NpgsqlCommand(Sql("SELECT version FROM {s}.schema_version WHERE id = 1"), connection))
                {
                    found = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int v ? v : 0;
                }

                if (found > SupportedSchemaVersion)
                {
                    throw new SchemaVersionException($"PostgreSQL schema \"{schema}\"", found, SupportedSchemaVersion);
                }

                for (var version = found + 1; version <= SupportedSchemaVersion; version++)
                {
                    await ExecuteAsync(connection, Sql(Migrations[version - 1]).Replace("{pending}", PendingPredicate, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
                }

                if (found < SupportedSchemaVersion)
                {
                    await ExecuteAsync(
                        connection,
                        Sql("INSERT INTO {s}.schema_version (id, version) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET version = excluded.version"),
                        cancellationToken,
                        SupportedSchemaVersion).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<int> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using (var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = quotedSchema + ".schema_version" });
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return 0;
            }
        }

        using var command = new NpgsqlCommand(Sql("SELECT version FROM {s}.schema_version WHERE id = 1"), connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int v ? v : 0;
    }

    /// <summary>For a read-only open: checks the schema is at the supported version without creating or changing anything.</summary>
    private async Task CheckSchemaAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var found = await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (found > SupportedSchemaVersion)
            {
                throw new SchemaVersionException($"PostgreSQL schema \"{schema}\"", found, SupportedSchemaVersion);
            }

            if (found < SupportedSchemaVersion)
            {
                throw new UnmigratedStoreException($"PostgreSQL schema \"{schema}\"", found, SupportedSchemaVersion);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private string Sql(string template) => template.Replace("{s}", quotedSchema, StringComparison.Ordinal);

    private static string BuildPendingPredicate()
    {
        static string List(IEnumerable<DocumentState> states) => string.Join(", ", states.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));
        var kinds = Enum.GetValues<DocumentKind>();
        var states = Enum.GetValues<DocumentState>();
        var everyKind = states.Where(s => kinds.All(k => !DocumentStates.IsPending(k, s))).ToList();
        var clauses = new List<string> { $"state IN ({List(everyKind)})" };
        foreach (var kind in kinds)
        {
            var only = states.Where(s => !everyKind.Contains(s) && !DocumentStates.IsPending(kind, s)).ToList();
            if (only.Count > 0)
            {
                clauses.Add($"(kind = {((int)kind).ToString(CultureInfo.InvariantCulture)} AND state IN ({List(only)}))");
            }
        }

        return "NOT (" + string.Join(" OR ", clauses) + ")";
    }
}
