using System.Globalization;
using System.Runtime.InteropServices;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Storage;
using Microsoft.Data.Sqlite;

namespace FileFlow.Sqlite;

/// <content>The single writer: group commit with one savepoint per caller.</content>
public sealed partial class SqliteDocumentStore
{
    private const int SqliteConstraint = 19;
    private long commitCount;

    /// <summary>Gets how many transactions the writer has committed (tests use it to see group commit at work).</summary>
    internal long CommitCount => Interlocked.Read(ref commitCount);

    private async Task RunWriterAsync()
    {
        var group = new List<WriteRequest>(Math.Min(maxGroupSize, 1024));
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < maxGroupSize && queue.Reader.TryRead(out var request))
            {
                if (request.CancellationToken.IsCancellationRequested)
                {
                    request.Completion.TrySetCanceled(request.CancellationToken);
                    continue;
                }

                group.Add(request);
            }

            if (group.Count > 0)
            {
                CommitGroup(group);
            }
        }
    }

    /// <summary>Applies each request under its own savepoint in one transaction, commits once, then completes every caller.</summary>
    private void CommitGroup(List<WriteRequest> group)
    {
        try
        {
            commands.Begin.ExecuteNonQuery();
        }
        catch (Exception e)
        {
            foreach (var request in group)
            {
                request.Completion.TrySetException(e);
            }

            return;
        }

        var transactionOpen = true;
        try
        {
            var next = (long)commands.MaxPosition.ExecuteScalar()! + 1;
            foreach (var request in group)
            {
                commands.Savepoint.ExecuteNonQuery();
                var mark = next;
                try
                {
                    if (request.Batch is { } batch)
                    {
                        next = Apply(batch, next);
                    }
                    else
                    {
                        request.Result = NextSerial(request.Scope!);
                    }

                    commands.Release.ExecuteNonQuery();
                }
                catch (Exception e) when (e is FileFlowException or SqliteException { SqliteErrorCode: SqliteConstraint })
                {
                    request.Failure = e is SqliteException constraint ? MapConstraint(constraint, request.Batch!) : e;
                    commands.RollbackTo.ExecuteNonQuery();
                    commands.Release.ExecuteNonQuery();
                    next = mark;
                }
            }

            commands.Commit.ExecuteNonQuery();
            transactionOpen = false;
            Interlocked.Increment(ref commitCount);
        }
        catch (Exception e)
        {
            // The transaction as a whole failed (I/O, disk full, lock): nothing of the group is stored.
            if (transactionOpen)
            {
                TryRollback();
            }

            foreach (var request in group)
            {
                request.Failure ??= e;
            }
        }

        foreach (var request in group)
        {
            if (request.Failure is { } failure)
            {
                request.Completion.TrySetException(failure);
            }
            else
            {
                request.Completion.TrySetResult(request.Result);
            }
        }
    }

    private void TryRollback()
    {
        try
        {
            commands.Rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // SQLite already rolled the transaction back on the error that brought us here.
        }
    }

    private long Apply(IReadOnlyList<RecordAppend> batch, long next)
    {
        foreach (var append in batch)
        {
            var stored = append.Record;
            var record = stored.Record;
            var documentId = Bytes(stored.DocumentId.Value);
            commands.HeadSequenceId.Value = documentId;
            var actual = commands.HeadSequence.ExecuteScalar() is long sequence ? sequence : -1;
            if (actual != append.ExpectedSequence)
            {
                throw new ConcurrencyException(stored.DocumentId, append.ExpectedSequence, actual);
            }

            var actionId = Bytes(record.ActionId);
            commands.DuplicateAction.Value = actionId;
            commands.DuplicateDocument.Value = documentId;
            if (commands.Duplicate.ExecuteScalar() is not null)
            {
                throw new DuplicateActionException(record.ActionId, stored.DocumentId);
            }

            var p = commands.InsertRecordParameters;
            p[0].Value = next;
            p[1].Value = documentId;
            p[2].Value = stored.Sequence;
            p[3].Value = actionId;
            p[4].Value = Array(stored.CanonicalBytes);
            p[5].Value = stored.Signature.Algorithm;
            p[6].Value = stored.Signature.Value;
            p[7].Value = stored.Content is { } content ? Array(content) : DBNull.Value;
            commands.InsertRecord.ExecuteNonQuery();
            next++;

            var head = append.Head;
            var h = commands.UpsertHeadParameters;
            h[0].Value = documentId;
            h[1].Value = head.Kind.ToString();
            h[2].Value = head.State.ToString();
            h[3].Value = DocumentStates.IsPending(head.State) ? 1L : 0L;
            h[4].Value = head.Holder.Value;
            h[5].Value = head.Sequence;
            h[6].Value = head.LastHash.ToArray();
            h[7].Value = head.LastTrigger.ToString();
            h[8].Value = head.LastActor.Value;
            h[9].Value = head.LastActingAs.Value;
            h[10].Value = head.PreviousHolder.Value;
            h[11].Value = head.CreatedBy.Value;
            h[12].Value = head.Creator.Value;
            h[13].Value = head.CreatedAt.ToUnixTimeMilliseconds();
            h[14].Value = head.UpdatedAt.ToUnixTimeMilliseconds();
            h[15].Value = (object?)head.Reference ?? DBNull.Value;
            h[16].Value = (object?)head.Subject ?? DBNull.Value;
            h[17].Value = (object?)head.ServiceId ?? DBNull.Value;
            h[18].Value = head.Parent is { } parent ? Bytes(parent.Value) : DBNull.Value;
            h[19].Value = head.DueAt is { } due ? due.UtcTicks : DBNull.Value;
            h[20].Value = (object?)head.Reference?.ToUpperInvariant() ?? DBNull.Value;
            h[21].Value = (object?)head.Subject?.ToUpperInvariant() ?? DBNull.Value;
            commands.UpsertHead.ExecuteNonQuery();
        }

        return next;
    }

    private long NextSerial(string scope)
    {
        commands.NextSerialScope.Value = scope;
        return (long)commands.NextSerial.ExecuteScalar()!;
    }

    /// <summary>Turns a unique-constraint violation the checks did not foresee into the domain error it means.</summary>
    private FileFlowException MapConstraint(SqliteException e, IReadOnlyList<RecordAppend> batch)
    {
        var first = batch[0].Record;
        if (e.Message.Contains("records.action_id", StringComparison.Ordinal))
        {
            return new DuplicateActionException(first.Record.ActionId, first.DocumentId);
        }

        commands.HeadSequenceId.Value = Bytes(first.DocumentId.Value);
        var actual = commands.HeadSequence.ExecuteScalar() is long sequence ? sequence : -1;
        return new ConcurrencyException(first.DocumentId, batch[0].ExpectedSequence, actual);
    }

    internal static byte[] Bytes(Guid id) => id.ToByteArray(bigEndian: true);

    private static byte[] Array(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    /// <summary>The writer's prepared statements, created once and reused for every commit.</summary>
    private sealed class WriterCommands : IDisposable
    {
        private readonly List<SqliteCommand> all = [];

        public WriterCommands(SqliteConnection connection)
        {
            Begin = Create(connection, "BEGIN IMMEDIATE");
            Commit = Create(connection, "COMMIT");
            Rollback = Create(connection, "ROLLBACK");
            Savepoint = Create(connection, "SAVEPOINT caller");
            Release = Create(connection, "RELEASE caller");
            RollbackTo = Create(connection, "ROLLBACK TO caller");
            MaxPosition = Create(connection, "SELECT IFNULL(MAX(position), -1) FROM records");
            HeadSequence = Create(connection, "SELECT sequence FROM heads WHERE id = $id", "$id");
            HeadSequenceId = HeadSequence.Parameters[0];
            Duplicate = Create(connection, "SELECT 1 FROM records WHERE action_id = $action AND document_id = $document", "$action", "$document");
            DuplicateAction = Duplicate.Parameters[0];
            DuplicateDocument = Duplicate.Parameters[1];
            InsertRecord = Create(
                connection,
                "INSERT INTO records (position, document_id, sequence, action_id, canonical, signature_algorithm, signature, content) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7)",
                Names(8));
            InsertRecordParameters = [.. InsertRecord.Parameters.Cast<SqliteParameter>()];
            UpsertHead = Create(
                connection,
                """
                INSERT INTO heads (id, kind, state, pending, holder, sequence, last_hash, last_trigger, last_actor, last_acting_as, previous_holder,
                    created_by, creator, created_at, updated_at, reference, subject, service_id, parent, due_at, search_reference, search_subject)
                VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16, $p17, $p18, $p19, $p20, $p21)
                ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, state = excluded.state, pending = excluded.pending, holder = excluded.holder,
                    sequence = excluded.sequence, last_hash = excluded.last_hash, last_trigger = excluded.last_trigger, last_actor = excluded.last_actor,
                    last_acting_as = excluded.last_acting_as, previous_holder = excluded.previous_holder, created_by = excluded.created_by,
                    creator = excluded.creator, created_at = excluded.created_at, updated_at = excluded.updated_at, reference = excluded.reference,
                    subject = excluded.subject, service_id = excluded.service_id, parent = excluded.parent, due_at = excluded.due_at,
                    search_reference = excluded.search_reference, search_subject = excluded.search_subject
                """,
                Names(22));
            UpsertHeadParameters = [.. UpsertHead.Parameters.Cast<SqliteParameter>()];
            NextSerial = Create(
                connection,
                "INSERT INTO counters (scope, value) VALUES ($scope, 1) ON CONFLICT (scope) DO UPDATE SET value = value + 1 RETURNING value",
                "$scope");
            NextSerialScope = NextSerial.Parameters[0];
        }

        public SqliteCommand Begin { get; }

        public SqliteCommand Commit { get; }

        public SqliteCommand Rollback { get; }

        public SqliteCommand Savepoint { get; }

        public SqliteCommand Release { get; }

        public SqliteCommand RollbackTo { get; }

        public SqliteCommand MaxPosition { get; }

        public SqliteCommand HeadSequence { get; }

        public SqliteParameter HeadSequenceId { get; }

        public SqliteCommand Duplicate { get; }

        public SqliteParameter DuplicateAction { get; }

        public SqliteParameter DuplicateDocument { get; }

        public SqliteCommand InsertRecord { get; }

        public SqliteParameter[] InsertRecordParameters { get; }

        public SqliteCommand UpsertHead { get; }

        public SqliteParameter[] UpsertHeadParameters { get; }

        public SqliteCommand NextSerial { get; }

        public SqliteParameter NextSerialScope { get; }

        public void Dispose()
        {
            foreach (var command in all)
            {
                command.Dispose();
            }
        }

        private static string[] Names(int count) =>
            [.. Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"$p{i}"))];

        private SqliteCommand Create(SqliteConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
            }

            command.Prepare();
            all.Add(command);
            return command;
        }
    }
}
