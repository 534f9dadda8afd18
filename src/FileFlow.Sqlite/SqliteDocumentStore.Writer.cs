using System.Globalization;
using System.Runtime.InteropServices;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Storage;
using Microsoft.Data.Sqlite;

namespace FileFlow.Sqlite;

/// <content>
/// The single writer: group commit. Appends are written optimistically, the unique keys and the head's sequence in the update standing
/// guard; on any conflict the transaction is rolled back and redone with each caller's batch validated whole, so a conflicting caller
/// fails alone with the exact error and the others still share the commit.
/// </content>
public sealed partial class SqliteDocumentStore
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private long commitCount;
    private int queued;

    /// <summary>Gets how many transactions the writer has committed (tests use it to see group commit at work).</summary>
    internal long CommitCount => Interlocked.Read(ref commitCount);

    private async Task RunWriterAsync()
    {
        var group = new List<WriteRequest>(Math.Min(maxGroupSize, 1024));
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                group.Clear();
                while (group.Count < maxGroupSize && queue.Reader.TryRead(out var request))
                {
                    Interlocked.Decrement(ref queued);
                    if (request.CancellationToken.IsCancellationRequested)
                    {
                        request.Completion.TrySetCanceled(request.CancellationToken);
                        continue;
                    }

                    group.Add(request);
                }

                if (group.Count > 0)
                {
                    CommitGroup(group, begun: false);
                }
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>
    /// Commits a request on the caller's thread when nobody is queued, the writer is idle and the database's write lock is free at once;
    /// otherwise (or on any doubt) leaves it to the writer.
    /// </summary>
    private bool TryCommitInline(WriteRequest request)
    {
        if (Volatile.Read(ref queued) != 0 || !gate.Wait(0))
        {
            return false;
        }

        try
        {
            if (Volatile.Read(ref disposed) != 0 || Volatile.Read(ref queued) != 0)
            {
                return false;
            }

            // Another process may hold the write lock: try once without waiting and let the writer do the waiting.
            var handle = writer.Handle!;
            SQLitePCL.raw.sqlite3_busy_timeout(handle, 0);
            var rc = SQLitePCL.raw.sqlite3_exec(handle, "BEGIN IMMEDIATE");
            SQLitePCL.raw.sqlite3_busy_timeout(handle, busyTimeoutMilliseconds);
            if (rc != 0)
            {
                return false;
            }

            CommitGroup([request], begun: true);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Applies each request in one transaction, commits once, then completes every caller.</summary>
    private void CommitGroup(List<WriteRequest> group, bool begun)
    {
        if (!begun)
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
        }

        var transactionOpen = true;
        try
        {
            if (!TryWriteOptimistically(group))
            {
                // Something conflicted: start again and validate each caller's batch whole before writing any of it.
                commands.Rollback.ExecuteNonQuery();
                transactionOpen = false;
                commands.Begin.ExecuteNonQuery();
                transactionOpen = true;
                WriteValidated(group);
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

    /// <summary>Writes every request trusting the keys to catch conflicts; returns <see langword="false"/> (the transaction to be rolled back) on the first one.</summary>
    private bool TryWriteOptimistically(List<WriteRequest> group)
    {
        foreach (var request in group)
        {
            if (request.Batch is { } batch)
            {
                try
                {
                    if (!Write(batch))
                    {
                        return false;
                    }
                }
                catch (SqliteException e) when (e.SqliteErrorCode == 19)
                {
                    // SQLITE_CONSTRAINT: a (document, sequence) or (action, document) key, or the head's primary key.
                    return false;
                }
            }
            else
            {
                request.Result = NextSerial(request.Scope!);
            }
        }

        return true;
    }

    /// <summary>The careful path: each caller's batch validated against the transaction's current state, then written; failures are per caller.</summary>
    private void WriteValidated(List<WriteRequest> group)
    {
        foreach (var request in group)
        {
            request.Failure = null;
            try
            {
                if (request.Batch is { } batch)
                {
                    Validate(batch);
                    if (!Write(batch))
                    {
                        throw new InvalidOperationException("A validated head moved inside the writer's own transaction.");
                    }
                }
                else
                {
                    request.Result = NextSerial(request.Scope!);
                }
            }
            catch (FileFlowException e)
            {
                request.Failure = e;
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

    /// <summary>Checks a caller's batch against the stored heads and actions and against itself, writing nothing.</summary>
    private void Validate(IReadOnlyList<RecordAppend> batch)
    {
        Dictionary<DocumentId, long>? pending = batch.Count > 1 ? [] : null;
        HashSet<(Guid, DocumentId)>? actions = batch.Count > 1 ? [] : null;
        foreach (var append in batch)
        {
            var stored = append.Record;
            var actionId = stored.Record.ActionId;
            long actual;
            if (pending is not null && pending.TryGetValue(stored.DocumentId, out var inBatch))
            {
                actual = inBatch;
            }
            else
            {
                commands.HeadSequenceId.Value = Bytes(stored.DocumentId.Value);
                actual = commands.HeadSequence.ExecuteScalar() is long sequence ? sequence : -1;
            }

            if (actual != append.ExpectedSequence)
            {
                throw new ConcurrencyException(stored.DocumentId, append.ExpectedSequence, actual);
            }

            if ((actions is not null && !actions.Add((actionId, stored.DocumentId))) || IsStoredAction(actionId))
            {
                throw new DuplicateActionException(actionId, stored.DocumentId);
            }

            if (pending is not null)
            {
                pending[stored.DocumentId] = stored.Sequence;
            }
        }

        var taken = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var claim in batch.SelectMany(a => a.Serials))
        {
            long current;
            if (!taken.TryGetValue(claim.Scope, out current))
            {
                commands.CounterValueScope.Value = claim.Scope;
                current = commands.CounterValue.ExecuteScalar() is long value ? value : 0;
            }

            if (claim.Value != current + 1)
            {
                throw new SerialTakenException(claim.Scope, claim.Value);
            }

            taken[claim.Scope] = claim.Value;
        }
    }

    /// <summary>
    /// Writes a batch: each record at the next position and its document's head, moving the head only from the sequence the record
    /// expects; returns <see langword="false"/> when a head was not there or an action id is already stored (the caller rolls back).
    /// Key conflicts throw <see cref="SqliteException"/>.
    /// </summary>
    private bool Write(IReadOnlyList<RecordAppend> batch)
    {
        // The unique (action_id, document_id) key catches an action written twice to one document; an action id reused on another
        // document is caught here, on the writer's warm cache, before anything of the batch is written.
        for (var i = 0; i < batch.Count; i++)
        {
            var actionId = batch[i].Record.Record.ActionId;
            if ((i == 0 || batch[i - 1].Record.Record.ActionId != actionId) && IsStoredAction(actionId))
            {
                return false;
            }
        }

        foreach (var claim in batch.SelectMany(a => a.Serials))
        {
            // The counter moves from the value before the claim to the claim, or the append does not happen (the caller rolls back).
            var command = claim.Value == 1 ? commands.ClaimFirst : commands.ClaimNext;
            command.Parameters[0].Value = claim.Scope;
            command.Parameters[1].Value = claim.Value;
            if (command.ExecuteNonQuery() != 1)
            {
                return false;
            }
        }

        foreach (var append in batch)
        {
            var stored = append.Record;
            var documentId = Bytes(stored.DocumentId.Value);
            var p = commands.InsertRecordParameters;
            p[0].Value = documentId;
            p[1].Value = stored.Sequence;
            p[2].Value = Bytes(stored.Record.ActionId);
            p[3].Value = Array(stored.CanonicalBytes);
            p[4].Value = stored.Signature.Algorithm;
            p[5].Value = stored.Signature.Value;
            p[6].Value = stored.Content is { } content ? Array(content) : DBNull.Value;
            commands.InsertRecord.ExecuteNonQuery();

            var head = append.Head;
            if (head.Sequence == 0)
            {
                var h = commands.InsertHeadParameters;
                h[0].Value = documentId;
                h[1].Value = head.Kind.ToString();
                h[2].Value = head.State.ToString();
                h[3].Value = DocumentStates.IsPending(head.Kind, head.State) ? 1L : 0L;
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
                h[22].Value = head.SentBy is { } sentBy ? sentBy.Value : DBNull.Value;
                h[23].Value = head.ServiceVersion is { } version ? version : DBNull.Value;
                h[24].Value = (object?)head.Authority ?? DBNull.Value;
                h[25].Value = head.EscalationLevel;
                h[26].Value = head.PausedAt is { } paused ? paused.UtcTicks : DBNull.Value;
                h[27].Value = head.Applicant is { } applicant ? applicant.Value : DBNull.Value;
                h[28].Value = head.AppealLevel;
                h[29].Value = (int)head.Grading;
                h[30].Value = head.Physical ? 1L : 0L;
                h[31].Value = head.AwaitingReceipt ? 1L : 0L;
                commands.InsertHead.ExecuteNonQuery();
                if (head.Subject is { } subject)
                {
                    // Keyed by the creation record's position, just inserted on this connection.
                    commands.InsertSearchSubject.Value = subject.ToUpperInvariant();
                    commands.InsertSearch.ExecuteNonQuery();
                }
            }
            else
            {
                // Kind, creation, reference, subject and service are fixed at creation (DocumentProjection never changes them),
                // so a move rewrites only what moves (the grading included: a file rises to the grading of a paper put in it).
                var u = commands.UpdateHeadParameters;
                u[0].Value = documentId;
                u[1].Value = head.State.ToString();
                u[2].Value = DocumentStates.IsPending(head.Kind, head.State) ? 1L : 0L;
                u[3].Value = head.Holder.Value;
                u[4].Value = head.Sequence;
                u[5].Value = head.LastHash.ToArray();
                u[6].Value = head.LastTrigger.ToString();
                u[7].Value = head.LastActor.Value;
                u[8].Value = head.LastActingAs.Value;
                u[9].Value = head.PreviousHolder.Value;
                u[10].Value = head.UpdatedAt.ToUnixTimeMilliseconds();
                u[11].Value = head.Parent is { } parent ? Bytes(parent.Value) : DBNull.Value;
                u[12].Value = head.DueAt is { } due ? due.UtcTicks : DBNull.Value;
                u[13].Value = head.SentBy is { } sentBy ? sentBy.Value : DBNull.Value;
                u[14].Value = head.EscalationLevel;
                u[15].Value = head.PausedAt is { } paused ? paused.UtcTicks : DBNull.Value;
                u[16].Value = head.AppealLevel;
                u[17].Value = head.AwaitingReceipt ? 1L : 0L;
                u[18].Value = append.ExpectedSequence;
                u[19].Value = (int)head.Grading;
                if (commands.UpdateHead.ExecuteNonQuery() != 1)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private bool IsStoredAction(Guid actionId)
    {
        commands.DuplicateAction.Value = Bytes(actionId);
        return commands.Duplicate.ExecuteScalar() is not null;
    }

    private long NextSerial(string scope)
    {
        commands.NextSerialScope.Value = scope;
        return (long)commands.NextSerial.ExecuteScalar()!;
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
            HeadSequence = Create(connection, "SELECT sequence FROM heads WHERE id = $id", "$id");
            HeadSequenceId = HeadSequence.Parameters[0];
            // An action id is taken once: any stored record with it, on any document (the (action_id, document_id) key's prefix).
            Duplicate = Create(connection, "SELECT 1 FROM records WHERE action_id = $action LIMIT 1", "$action");
            DuplicateAction = Duplicate.Parameters[0];
            InsertRecord = Create(
                connection,
                """
                INSERT INTO records (position, document_id, sequence, action_id, canonical, signature_algorithm, signature, content)
                VALUES ((SELECT IFNULL(MAX(position), -1) + 1 FROM records), $p1, $p2, $p3, $p4, $p5, $p6, $p7)
                """,
                Names(8)[1..]);
            InsertRecordParameters = [.. InsertRecord.Parameters.Cast<SqliteParameter>()];
            InsertHead = Create(
                connection,
                """
                INSERT INTO heads (id, kind, state, pending, holder, sequence, last_hash, last_trigger, last_actor, last_acting_as, previous_holder,
                    created_by, creator, created_at, updated_at, reference, subject, service_id, parent, due_at, search_reference, search_subject,
                    sent_by, service_version, authority, escalation_level, paused_at, applicant, appeal_level, grading, physical, awaiting_receipt)
                VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16, $p17, $p18, $p19, $p20, $p21,
                    $p22, $p23, $p24, $p25, $p26, $p27, $p28, $p29, $p30, $p31)
                """,
                Names(32));
            InsertHeadParameters = [.. InsertHead.Parameters.Cast<SqliteParameter>()];
            UpdateHead = Create(
                connection,
                """
                UPDATE heads SET state = $p1, pending = $p2, holder = $p3, sequence = $p4, last_hash = $p5, last_trigger = $p6, last_actor = $p7,
                    last_acting_as = $p8, previous_holder = $p9, updated_at = $p10, parent = $p11, due_at = $p12,
                    sent_by = $p13, escalation_level = $p14, paused_at = $p15, appeal_level = $p16, awaiting_receipt = $p17, grading = $p19
                WHERE id = $p0 AND sequence = $p18
                """,
                Names(20));
            UpdateHeadParameters = [.. UpdateHead.Parameters.Cast<SqliteParameter>()];
            InsertSearch = Create(connection, "INSERT INTO heads_search (rowid, subject) VALUES (last_insert_rowid(), $subject)", "$subject");
            InsertSearchSubject = InsertSearch.Parameters[0];
            NextSerial = Create(
                connection,
                "INSERT INTO counters (scope, value) VALUES ($scope, 1) ON CONFLICT (scope) DO UPDATE SET value = value + 1 RETURNING value",
                "$scope");
            NextSerialScope = NextSerial.Parameters[0];
            CounterValue = Create(connection, "SELECT value FROM counters WHERE scope = $scope", "$scope");
            CounterValueScope = CounterValue.Parameters[0];
            ClaimFirst = Create(connection, "INSERT INTO counters (scope, value) VALUES ($scope, $value) ON CONFLICT (scope) DO NOTHING", "$scope", "$value");
            ClaimNext = Create(connection, "UPDATE counters SET value = $value WHERE scope = $scope AND value = $value - 1", "$scope", "$value");
        }

        public SqliteCommand CounterValue { get; }

        public SqliteParameter CounterValueScope { get; }

        public SqliteCommand ClaimFirst { get; }

        public SqliteCommand ClaimNext { get; }

        public SqliteCommand Begin { get; }

        public SqliteCommand Commit { get; }

        public SqliteCommand Rollback { get; }

        public SqliteCommand HeadSequence { get; }

        public SqliteParameter HeadSequenceId { get; }

        public SqliteCommand Duplicate { get; }

        public SqliteParameter DuplicateAction { get; }

        public SqliteCommand InsertRecord { get; }

        public SqliteParameter[] InsertRecordParameters { get; }

        public SqliteCommand InsertHead { get; }

        public SqliteParameter[] InsertHeadParameters { get; }

        public SqliteCommand UpdateHead { get; }

        public SqliteParameter[] UpdateHeadParameters { get; }

        public SqliteCommand InsertSearch { get; }

        public SqliteParameter InsertSearchSubject { get; }

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
