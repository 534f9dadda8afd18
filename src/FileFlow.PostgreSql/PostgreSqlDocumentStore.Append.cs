using FileFlow.Documents;
using FileFlow.Storage;
using Npgsql;
using NpgsqlTypes;

namespace FileFlow.PostgreSql;

/// <content>Appending records and heads.</content>
public sealed partial class PostgreSqlDocumentStore
{
    /// <inheritdoc />
    /// <remarks>
    /// One transaction in three round trips whatever the batch size: lock the log's next position and read the documents' sequences and
    /// the actions' records; insert all records and upsert all heads (array parameters, prepared); commit.
    /// </remarks>
    /// <exception cref="ArgumentException">A head's time has finer than microsecond precision, which PostgreSQL cannot keep.</exception>
    public async ValueTask AppendAsync(IReadOnlyList<RecordAppend> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var append in batch)
        {
            ArgumentNullException.ThrowIfNull(append, nameof(batch));
        }

        if (batch.Count == 0)
        {
            return;
        }

        var documents = batch.Select(a => a.Record.DocumentId.Value).Distinct().ToArray();
        var actions = batch.Select(a => a.Record.Record.ActionId).Distinct().ToArray();
        var insertRecords = InsertRecordsCommand(batch);
        var upsertHeads = UpsertHeadsCommand(batch);

        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                try
                {
                    // Round trip 1: the row lock on log_state serialises appends into one total order; the reads after it see every earlier append.
                    long start;
                    var state = new StoredState();
                    using (var check = new NpgsqlBatch(connection, transaction))
                    {
                        check.BatchCommands.Add(Command(Sql("UPDATE {s}.log_state SET next_position = next_position + $1 WHERE id = 1 RETURNING next_position - $1"), (long)batch.Count));
                        check.BatchCommands.Add(Command(Sql("SELECT id, sequence FROM {s}.heads WHERE id = ANY($1)"), documents));
                        check.BatchCommands.Add(Command(Sql("SELECT action_id, document_id, sequence FROM {s}.records WHERE action_id = ANY($1)"), actions));
                        start = await state.ReadAsync(check, cancellationToken).ConfigureAwait(false);
                    }

                    state.Check(batch);
                    await ClaimSerialsAsync(batch, connection, transaction, cancellationToken).ConfigureAwait(false);

                    // Round trip 2: every record and head of the batch, two statements.
                    using (var write = new NpgsqlBatch(connection, transaction))
                    {
                        insertRecords.Parameters[0].Value = Enumerable.Range(0, batch.Count).Select(i => start + i).ToArray();
                        write.BatchCommands.Add(insertRecords);
                        write.BatchCommands.Add(upsertHeads);
                        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    // Only reachable when something bypasses the log lock; report it as the typed conflict a fresh read explains.
                    await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                    await ThrowConflictAsync(batch, documents, actions, e, cancellationToken).ConfigureAwait(false);
                    throw;
                }
            }
        }
    }

    // Each claimed counter value moves its counter from the value before it, inside the append's transaction; a value taken meanwhile fails the append.
    private async Task ClaimSerialsAsync(IReadOnlyList<RecordAppend> batch, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var claim in batch.SelectMany(a => a.Serials))
        {
            using var command = new NpgsqlCommand(
                claim.Value == 1
                    ? Sql("INSERT INTO {s}.counters (scope, value) VALUES ($1, $2) ON CONFLICT (scope) DO NOTHING")
                    : Sql("UPDATE {s}.counters SET value = $2 WHERE scope = $1 AND value = $2 - 1"),
                connection,
                transaction);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = claim.Scope });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = claim.Value });
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                throw new SerialTakenException(claim.Scope, claim.Value);
            }
        }
    }

    private async Task ThrowConflictAsync(IReadOnlyList<RecordAppend> batch, Guid[] documents, Guid[] actions, PostgresException cause, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var state = new StoredState();
            using (var check = new NpgsqlBatch(connection))
            {
                check.BatchCommands.Add(Command("SELECT 0::bigint"));
                check.BatchCommands.Add(Command(Sql("SELECT id, sequence FROM {s}.heads WHERE id = ANY($1)"), documents));
                check.BatchCommands.Add(Command(Sql("SELECT action_id, document_id, sequence FROM {s}.records WHERE action_id = ANY($1)"), actions));
                await state.ReadAsync(check, cancellationToken).ConfigureAwait(false);
            }

            state.Check(batch);
            var first = batch[0].Record.DocumentId;
            var actual = state.Sequences.TryGetValue(first.Value, out var sequence) ? sequence : -1;
            throw new ConcurrencyException(first, batch[0].ExpectedSequence, actual) { Data = { ["constraint"] = cause.ConstraintName } };
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }

    private static NpgsqlParameter ArrayParameter<T>(T[] values, NpgsqlDbType type) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type };

    private NpgsqlBatchCommand InsertRecordsCommand(IReadOnlyList<RecordAppend> batch)
    {
        var command = new NpgsqlBatchCommand(Sql(
            "INSERT INTO {s}.records (position, document_id, sequence, action_id, canonical, signature_algorithm, signature, content) " +
            "SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::bigint[], $4::uuid[], $5::bytea[], $6::text[], $7::bytea[], $8::bytea[])"));
        var records = batch.Select(a => a.Record).ToArray();
        command.Parameters.Add(ArrayParameter(Array.Empty<long>(), NpgsqlDbType.Bigint));
        command.Parameters.Add(ArrayParameter(records.Select(r => r.DocumentId.Value).ToArray(), NpgsqlDbType.Uuid));
        command.Parameters.Add(ArrayParameter(records.Select(r => r.Sequence).ToArray(), NpgsqlDbType.Bigint));
        command.Parameters.Add(ArrayParameter(records.Select(r => r.Record.ActionId).ToArray(), NpgsqlDbType.Uuid));
        command.Parameters.Add(ArrayParameter(records.Select(r => r.CanonicalBytes.ToArray()).ToArray(), NpgsqlDbType.Bytea));
        command.Parameters.Add(ArrayParameter(records.Select(r => r.Signature.Algorithm).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(ArrayParameter(records.Select(r => r.Signature.Value).ToArray(), NpgsqlDbType.Bytea));
        command.Parameters.Add(ArrayParameter(records.Select(r => r.Content?.ToArray()).ToArray(), NpgsqlDbType.Bytea));
        return command;
    }

    private NpgsqlBatchCommand UpsertHeadsCommand(IReadOnlyList<RecordAppend> batch)
    {
        // A document may move more than once in a batch: only its last head is stored.
        var last = new Dictionary<DocumentId, DocumentHead>();
        foreach (var append in batch)
        {
            last[append.Record.DocumentId] = append.Head;
        }

        var heads = last.Values.ToArray();
        var command = new NpgsqlBatchCommand(Sql(
            "INSERT INTO {s}.heads (id, kind, state, holder, sequence, last_hash, last_trigger, last_actor, last_acting_as, previous_holder, " +
            "created_by, creator, created_at, updated_at, updated_ms, reference, subject, service_id, parent, due_at, extras) " +
            "SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::smallint[], $4::text[], $5::bigint[], $6::bytea[], $7::smallint[], $8::text[], " +
            "$9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[], $14::timestamptz[], $15::bigint[], $16::text[], $17::text[], " +
            "$18::text[], $19::uuid[], $20::timestamptz[], $21::text[]) " +
            "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, state = excluded.state, holder = excluded.holder, sequence = excluded.sequence, " +
            "last_hash = excluded.last_hash, last_trigger = excluded.last_trigger, last_actor = excluded.last_actor, last_acting_as = excluded.last_acting_as, " +
            "previous_holder = excluded.previous_holder, created_by = excluded.created_by, creator = excluded.creator, created_at = excluded.created_at, " +
            "updated_at = excluded.updated_at, updated_ms = excluded.updated_ms, reference = excluded.reference, subject = excluded.subject, " +
            "service_id = excluded.service_id, parent = excluded.parent, due_at = excluded.due_at, extras = excluded.extras"));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.Id.Value).ToArray(), NpgsqlDbType.Uuid));
        command.Parameters.Add(ArrayParameter(heads.Select(h => (short)h.Kind).ToArray(), NpgsqlDbType.Smallint));
        command.Parameters.Add(ArrayParameter(heads.Select(h => (short)h.State).ToArray(), NpgsqlDbType.Smallint));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.Holder.Value).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.Sequence).ToArray(), NpgsqlDbType.Bigint));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.LastHash.ToArray()).ToArray(), NpgsqlDbType.Bytea));
        command.Parameters.Add(ArrayParameter(heads.Select(h => (short)h.LastTrigger).ToArray(), NpgsqlDbType.Smallint));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.LastActor.Value).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.LastActingAs.Value).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.PreviousHolder.Value).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.CreatedBy.Value).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.Creator.Value).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(ArrayParameter(heads.Select(h => Utc(h.CreatedAt)).ToArray(), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(ArrayParameter(heads.Select(h => Utc(h.UpdatedAt)).ToArray(), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.UpdatedAt.ToUnixTimeMilliseconds()).ToArray(), NpgsqlDbType.Bigint));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.Reference).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.Subject).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.ServiceId).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.Parent?.Value).ToArray(), NpgsqlDbType.Uuid));
        command.Parameters.Add(ArrayParameter(heads.Select(h => h.DueAt is { } due ? Utc(due) : (DateTimeOffset?)null).ToArray(), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(ArrayParameter(heads.Select(HeadExtras.Serialize).ToArray(), NpgsqlDbType.Text));
        return command;
    }

    private static DateTimeOffset Utc(DateTimeOffset time)
    {
        if (time.Ticks % 10 != 0)
        {
            throw new ArgumentException($"PostgreSQL keeps times to the microsecond; {time:O} is finer. Normalise times (RecordCodec.Normalize) before storing.", nameof(time));
        }

        return time.ToUniversalTime();
    }

    /// <summary>What the database holds for a batch's documents and actions, read under the log lock.</summary>
    private sealed class StoredState
    {
        public Dictionary<Guid, long> Sequences { get; } = [];

        public List<(Guid Action, Guid Document, long Sequence)> Actions { get; } = [];

        public async Task<long> ReadAsync(NpgsqlBatch batch, CancellationToken cancellationToken)
        {
            long start = 0;
            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    start = reader.GetInt64(0);
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    Sequences[reader.GetGuid(0)] = reader.GetInt64(1);
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    Actions.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2)));
                }
            }

            return start;
        }

        /// <summary>Applies the in-memory store's rules in batch order: the expected sequence first, then the duplicate action.</summary>
        public void Check(IReadOnlyList<RecordAppend> batch)
        {
            var pending = new Dictionary<DocumentId, long>();
            var pendingActions = new HashSet<(Guid, DocumentId)>();
            var pendingCreations = new HashSet<Guid>();
            foreach (var append in batch)
            {
                var documentId = append.Record.DocumentId;
                var actionId = append.Record.Record.ActionId;
                var current = pending.TryGetValue(documentId, out var p) ? p
                    : Sequences.TryGetValue(documentId.Value, out var stored) ? stored : -1;
                if (current != append.ExpectedSequence)
                {
                    throw new ConcurrencyException(documentId, append.ExpectedSequence, current);
                }

                var creates = append.Record.Sequence == 0;
                if (!pendingActions.Add((actionId, documentId))
                    || (creates && !pendingCreations.Add(actionId))
                    || Actions.Exists(a => a.Action == actionId))
                {
                    throw new DuplicateActionException(actionId, documentId);
                }

                pending[documentId] = append.Record.Sequence;
            }
        }
    }
}
