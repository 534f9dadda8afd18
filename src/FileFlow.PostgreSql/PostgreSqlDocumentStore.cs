using System.Runtime.CompilerServices;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;
using Npgsql;

namespace FileFlow.PostgreSql;

/// <summary>
/// A store in PostgreSQL: records in an append-only table in one total order (contiguous positions 0, 1, 2, …) and each document's
/// head projected in the same transaction; several processes may share one database.
/// </summary>
/// <remarks>
/// Thread-safe. Appends are serialised by one row lock (the log's next position), so positions never leave gaps and commit in order;
/// a document not at the expected sequence is refused with <see cref="ConcurrencyException"/>. Open with <see cref="OpenAsync(PostgreSqlStoreOptions, CancellationToken)"/>,
/// which creates or migrates the schema.
/// </remarks>
public sealed partial class PostgreSqlDocumentStore : IDocumentStore, IAsyncDisposable
{
    private const string RecordColumns = "position, document_id, sequence, canonical, signature_algorithm, signature, content";

    private const string HeadColumns =
        "id, kind, state, holder, sequence, last_hash, last_trigger, last_actor, last_acting_as, previous_holder, created_by, creator, " +
        "created_at, updated_at, reference, subject, service_id, parent, due_at, extras";

    private readonly NpgsqlDataSource dataSource;
    private readonly bool ownsDataSource;
    private readonly string schema;
    private readonly string quotedSchema;
    private readonly int readPageSize;

    private PostgreSqlDocumentStore(NpgsqlDataSource dataSource, bool ownsDataSource, string schema, int readPageSize)
    {
        this.dataSource = dataSource;
        this.ownsDataSource = ownsDataSource;
        this.schema = schema;
        quotedSchema = "\"" + schema + "\"";
        this.readPageSize = readPageSize;
    }

    /// <summary>Gets the schema that holds the store's tables.</summary>
    public string Schema => schema;

    /// <summary>Opens a store, creating its schema or migrating it to <see cref="SupportedSchemaVersion"/> first; concurrent openers are safe.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="SchemaVersionException">The database was written by a newer FileFlow.</exception>
    public static async Task<PostgreSqlDocumentStore> OpenAsync(PostgreSqlStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The store's statements are few and fixed: prepare them on every physical connection.
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }

        if (options.ReadOnly)
        {
            var extra = builder.ConnectionStringBuilder.Options;
            builder.ConnectionStringBuilder.Options = (string.IsNullOrEmpty(extra) ? string.Empty : extra + " ") + "-c default_transaction_read_only=on";

            // Sessions made read-only never pass Npgsql's "read-write" host check; "primary" picks the same server (not in recovery).
            if (string.Equals(builder.ConnectionStringBuilder.TargetSessionAttributes, "read-write", StringComparison.OrdinalIgnoreCase))
            {
                builder.ConnectionStringBuilder.TargetSessionAttributes = "primary";
            }
        }

        var dataSource = builder.Build();
        try
        {
            if (options.ReadOnly)
            {
                var store = new PostgreSqlDocumentStore(dataSource, ownsDataSource: true, options.Schema, options.ReadPageSize);
                await store.CheckSchemaAsync(cancellationToken).ConfigureAwait(false);
                return store;
            }

            return await OpenAsync(dataSource, ownsDataSource: true, options.Schema, options.ReadPageSize, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a store over a data source the caller owns (and disposes), creating or migrating its schema first.</summary>
    /// <exception cref="ArgumentException">The schema name is invalid.</exception>
    /// <exception cref="SchemaVersionException">The database was written by a newer FileFlow.</exception>
    public static Task<PostgreSqlDocumentStore> OpenAsync(NpgsqlDataSource dataSource, string schema = PostgreSqlStoreOptions.DefaultSchema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        PostgreSqlStoreOptions.ValidateSchema(schema);
        return OpenAsync(dataSource, ownsDataSource: false, schema, 1000, cancellationToken);
    }

    private static async Task<PostgreSqlDocumentStore> OpenAsync(NpgsqlDataSource dataSource, bool ownsDataSource, string schema, int readPageSize, CancellationToken cancellationToken)
    {
        var store = new PostgreSqlDocumentStore(dataSource, ownsDataSource, schema, readPageSize);
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>Closes the store's connections when it owns its data source; a data source passed in is left to its owner.</summary>
    public async ValueTask DisposeAsync()
    {
        if (ownsDataSource)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask<DocumentHead?> GetHeadAsync(DocumentId id, CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(Sql($"SELECT {HeadColumns} FROM {{s}}.heads WHERE id = $1"), connection);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id.Value });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadHead(reader) : null;
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SignedRecord> ReadStreamAsync(DocumentId id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(Sql($"SELECT {RecordColumns} FROM {{s}}.records WHERE document_id = $1 ORDER BY sequence"), connection);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id.Value });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return ReadRecord(reader);
                }
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SignedRecord> ReadAllAsync(long fromPosition = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromPosition);
        var next = fromPosition;
        while (true)
        {
            // One page per query, so a slow consumer holds no connection or snapshot between pages; gaps (removed rows) are skipped, not hidden.
            var page = new List<SignedRecord>(readPageSize);
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var command = new NpgsqlCommand(Sql($"SELECT {RecordColumns} FROM {{s}}.records WHERE position >= $1 ORDER BY position LIMIT $2"), connection);
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = next });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = readPageSize });
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        page.Add(ReadRecord(reader));
                    }
                }
            }

            foreach (var record in page)
            {
                yield return record;
            }

            if (page.Count < readPageSize)
            {
                yield break;
            }

            next = page[^1].Position + 1;
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SignedRecord>> FindActionAsync(Guid actionId, CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(Sql($"SELECT {RecordColumns} FROM {{s}}.records WHERE action_id = $1 ORDER BY position"), connection);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = actionId });
            var result = new List<SignedRecord>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    result.Add(ReadRecord(reader));
                }
            }

            return result;
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> NextSerialAsync(string scope, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                Sql("INSERT INTO {s}.counters AS c (scope, value) VALUES ($1, 1) ON CONFLICT (scope) DO UPDATE SET value = c.value + 1 RETURNING c.value"),
                connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope });
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> PeekSerialAsync(string scope, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(Sql("SELECT value FROM {s}.counters WHERE scope = $1"), connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope });
            return (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long value ? value : 0) + 1;
        }
    }

    private static SignedRecord ReadRecord(NpgsqlDataReader reader)
    {
        var position = reader.GetInt64(0);
        var documentId = new DocumentId(reader.GetGuid(1));
        var sequence = reader.GetInt64(2);
        var canonical = reader.GetFieldValue<byte[]>(3);
        var signature = new RecordSignature(reader.GetString(4), reader.GetFieldValue<byte[]>(5));
        ReadOnlyMemory<byte>? content = reader.IsDBNull(6) ? null : reader.GetFieldValue<byte[]>(6);
        return SignedRecord.FromStored(documentId, sequence, canonical, signature, content, position);
    }

    private static DocumentHead ReadHead(NpgsqlDataReader reader) => HeadExtras.Apply(new DocumentHead
    {
        Id = new DocumentId(reader.GetGuid(0)),
        Kind = ReadEnum<DocumentKind>(reader, 1),
        State = ReadEnum<DocumentState>(reader, 2),
        Holder = new PostId(reader.GetString(3)),
        Sequence = reader.GetInt64(4),
        LastHash = Hash256.FromBytes(reader.GetFieldValue<byte[]>(5)),
        LastTrigger = ReadEnum<DocumentTrigger>(reader, 6),
        LastActor = new OfficerId(reader.GetString(7)),
        LastActingAs = new PostId(reader.GetString(8)),
        PreviousHolder = new PostId(reader.GetString(9)),
        CreatedBy = new PostId(reader.GetString(10)),
        Creator = new OfficerId(reader.GetString(11)),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(12),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(13),
        Reference = reader.IsDBNull(14) ? null : reader.GetString(14),
        Subject = reader.IsDBNull(15) ? null : reader.GetString(15),
        ServiceId = reader.IsDBNull(16) ? null : reader.GetString(16),
        Parent = reader.IsDBNull(17) ? null : new DocumentId(reader.GetGuid(17)),
        DueAt = reader.IsDBNull(18) ? null : reader.GetFieldValue<DateTimeOffset>(18),
    }, reader.IsDBNull(19) ? null : reader.GetString(19));
}
