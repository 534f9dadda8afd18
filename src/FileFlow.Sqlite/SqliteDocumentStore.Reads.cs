using System.Data;
using System.Runtime.CompilerServices;
using System.Text;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;
using Microsoft.Data.Sqlite;

namespace FileFlow.Sqlite;

/// <content>Reads, each on a pooled read-only connection: heads, streams, the log, actions, queries and pendency.</content>
public sealed partial class SqliteDocumentStore
{
    private const int ReadAllChunk = 2048;

    /// <summary>Above this many subject hits a text search scans in page order rather than sorting the index's hits.</summary>
    private const int SubjectIndexLimit = 2000;

    private const string RecordColumns = "position, document_id, sequence, canonical, signature_algorithm, signature, content";

    private const string HeadColumns = """
        id, kind, state, holder, sequence, last_hash, last_trigger, last_actor, last_acting_as, previous_holder,
        created_by, creator, created_at, updated_at, reference, subject, service_id, parent, due_at,
        sent_by, service_version, authority, escalation_level, paused_at,
        applicant, appeal_level, grading, physical, awaiting_receipt
        """;

    private const int HeadColumnCount = 29;

    /// <inheritdoc />
    public ValueTask<DocumentHead?> GetHeadAsync(DocumentId id, CancellationToken cancellationToken = default) =>
        ReadAsync(async (session, token) =>
        {
            var command = session.Command($"SELECT {HeadColumns} FROM heads WHERE id = $id");
            try
            {
                command.Parameters.AddWithValue("$id", Bytes(id.Value));
                var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await reader.ReadAsync(token).ConfigureAwait(false) ? ReadHead(reader) : null;
                }
            }
            finally
            {
                session.Release(command);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<long> PeekSerialAsync(string scope, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        return await ReadAsync(async (session, token) =>
        {
            var command = session.Command("SELECT value FROM counters WHERE scope = $scope");
            try
            {
                command.Parameters.AddWithValue("$scope", scope);
                return (await command.ExecuteScalarAsync(token).ConfigureAwait(false) is long value ? value : 0) + 1;
            }
            finally
            {
                session.Release(command);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SignedRecord> ReadStreamAsync(DocumentId id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {RecordColumns} FROM records WHERE document_id = $id ORDER BY sequence";
            command.Parameters.AddWithValue("$id", Bytes(id.Value));
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
    /// <remarks>Reads the log in chunks by position, so memory stays flat and no read snapshot is held across the whole store.</remarks>
    public async IAsyncEnumerable<SignedRecord> ReadAllAsync(long fromPosition = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromPosition);
        var chunk = new List<SignedRecord>(ReadAllChunk);
        var next = fromPosition;
        while (true)
        {
            chunk.Clear();
            var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {RecordColumns} FROM records WHERE position >= $from ORDER BY position LIMIT $limit";
                command.Parameters.AddWithValue("$from", next);
                command.Parameters.AddWithValue("$limit", ReadAllChunk);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        chunk.Add(ReadRecord(reader));
                    }
                }
            }

            foreach (var record in chunk)
            {
                yield return record;
            }

            if (chunk.Count < ReadAllChunk)
            {
                yield break;
            }

            next = chunk[^1].Position + 1;
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SignedRecord>> FindActionAsync(Guid actionId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<SignedRecord>>(async (session, token) =>
        {
            var command = session.Command($"SELECT {RecordColumns} FROM records WHERE action_id = $action ORDER BY position");
            try
            {
                command.Parameters.AddWithValue("$action", Bytes(actionId));
                var found = new List<SignedRecord>();
                var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        found.Add(ReadRecord(reader));
                    }
                }

                return found;
            }
            finally
            {
                session.Release(command);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<Page<DocumentHead>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1000);
        var after = query.After is null ? ((long, DocumentId)?)null : PageToken.Parse(query.After);
        return await ReadAsync((session, token) => QueryAsync(session, query, after, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the query's statement; the session keeps one prepared command per shape of query (which filters it names).</summary>
    private static async ValueTask<Page<DocumentHead>> QueryAsync(ReadSession session, DocumentQuery query, (long, DocumentId)? after, CancellationToken cancellationToken)
    {
        var parameters = new List<(string Name, object Value)>();
        var sql = new StringBuilder($"SELECT {HeadColumns} FROM heads WHERE 1 = 1");
        if (query.Holder is { } holder)
        {
            sql.Append(" AND holder = $holder");
            parameters.Add(("$holder", holder.Value));
        }

        if (query.State is { } state)
        {
            sql.Append(" AND state = $state");
            parameters.Add(("$state", state.ToString()));
        }

        if (query.Kind is { } kind)
        {
            sql.Append(" AND kind = $kind");
            parameters.Add(("$kind", kind.ToString()));
        }

        if (query.Parent is { } parent)
        {
            sql.Append(" AND parent = $parent");
            parameters.Add(("$parent", Bytes(parent.Value)));
        }

        if (query.ServiceId is { } service)
        {
            sql.Append(" AND service_id = $service");
            parameters.Add(("$service", service));
        }

        if (query.PendingOnly)
        {
            sql.Append(" AND pending = 1");
        }

        if (query.MaxGrading is { } grading)
        {
            sql.Append(" AND grading <= $grading");
            parameters.Add(("$grading", (int)grading));
        }

        if (query.DueBefore is { } dueBefore)
        {
            sql.Append(" AND due_at < $due");
            parameters.Add(("$due", dueBefore.UtcTicks));
        }

        if (query.Text is { } text)
        {
            // Both sides upper-cased invariantly: the same matching as ordinal-ignore-case, for every script.
            // A subject hit is found through the trigram index when the text has the three characters a trigram needs and
            // few subjects hold it (they are then sorted); a common or short text is checked row by row in page order instead,
            // where hits come quickly. Every hit is re-checked against the stored subject either way.
            var upper = text.ToUpperInvariant();
            var match = "\"" + upper.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            var subjectIndexed = upper.EnumerateRunes().Take(3).Count() == 3 && await IsRareSubjectTextAsync(session.Connection, match, cancellationToken).ConfigureAwait(false);
            sql.Append(subjectIndexed
                ? " AND (search_reference GLOB $glob OR (id IN (SELECT r.document_id FROM heads_search s JOIN records r ON r.position = s.rowid WHERE heads_search MATCH $match) AND instr(search_subject, $text) > 0))"
                : " AND (search_reference GLOB $glob OR instr(search_subject, $text) > 0)");
            parameters.Add(("$glob", EscapeGlob(upper) + "*"));
            parameters.Add(("$text", upper));
            if (subjectIndexed)
            {
                parameters.Add(("$match", match));
            }
        }

        if (after is { } position)
        {
            sql.Append(" AND (updated_at, id) > ($afterTime, $afterId)");
            parameters.Add(("$afterTime", position.Item1));
            parameters.Add(("$afterId", Bytes(position.Item2.Value)));
        }

        sql.Append(" ORDER BY updated_at, id LIMIT $limit");
        parameters.Add(("$limit", query.Limit + 1));
        var command = session.Command(sql.ToString());
        var items = new List<DocumentHead>(Math.Min(query.Limit + 1, 64));
        try
        {
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    items.Add(ReadHead(reader));
                }
            }
        }
        finally
        {
            session.Release(command);
        }

        var hasMore = items.Count > query.Limit;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }

        return new Page<DocumentHead>(items, hasMore ? PageToken.After(items[^1]) : null);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PendencyCount>> PendencyAsync(PendencyGrouping grouping, DocumentKind kind = DocumentKind.File, CancellationToken cancellationToken = default)
    {
        var key = grouping switch
        {
            PendencyGrouping.Holder => "holder",
            PendencyGrouping.Service => "IFNULL(service_id, '')",
            _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Not a pendency grouping."),
        };
        var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {key}, count(*), min(updated_at) FROM heads WHERE kind = $kind AND pending = 1 GROUP BY {key}";
            command.Parameters.AddWithValue("$kind", kind.ToString());
            var counts = new List<PendencyCount>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    counts.Add(new PendencyCount(reader.GetString(0), reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
                }
            }

            counts.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Key, b.Key));
            return counts;
        }
    }

    /// <summary>Asks the trigram index whether fewer than <see cref="SubjectIndexLimit"/> subjects hold the phrase.</summary>
    private static async ValueTask<bool> IsRareSubjectTextAsync(SqliteConnection connection, string match, CancellationToken cancellationToken)
    {
        using var probe = connection.CreateCommand();
        probe.CommandText = "SELECT count(*) FROM (SELECT 1 FROM heads_search WHERE heads_search MATCH $match LIMIT $limit)";
        probe.Parameters.AddWithValue("$match", match);
        probe.Parameters.AddWithValue("$limit", SubjectIndexLimit);
        return (long)(await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! < SubjectIndexLimit;
    }

    private async ValueTask<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var connection = new SqliteConnection(readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string EscapeGlob(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c is '*' or '?' or '[' ? escaped.Append('[').Append(c).Append(']') : escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static SignedRecord ReadRecord(SqliteDataReader reader)
    {
        var position = reader.GetInt64(0);
        var documentId = new DocumentId(ReadGuid(reader, 1));
        var sequence = reader.GetInt64(2);
        var canonical = reader.GetFieldValue<byte[]>(3);
        var signature = new RecordSignature(reader.GetString(4), reader.GetFieldValue<byte[]>(5));
        ReadOnlyMemory<byte>? content = reader.IsDBNull(6) ? null : reader.GetFieldValue<byte[]>(6);
        return SignedRecord.FromStored(documentId, sequence, canonical, signature, content, position);
    }

    private static DocumentHead ReadHead(SqliteDataReader reader) => new()
    {
        Id = new DocumentId(ReadGuid(reader, 0)),
        Kind = ReadName<DocumentKind>(reader, 1),
        State = ReadName<DocumentState>(reader, 2),
        Holder = new PostId(reader.GetString(3)),
        Sequence = reader.GetInt64(4),
        LastHash = Hash256.FromBytes(reader.GetFieldValue<byte[]>(5)),
        LastTrigger = ReadName<DocumentTrigger>(reader, 6),
        LastActor = new OfficerId(reader.GetString(7)),
        LastActingAs = new PostId(reader.GetString(8)),
        PreviousHolder = new PostId(reader.GetString(9)),
        CreatedBy = new PostId(reader.GetString(10)),
        Creator = new OfficerId(reader.GetString(11)),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
        Reference = reader.IsDBNull(14) ? null : reader.GetString(14),
        Subject = reader.IsDBNull(15) ? null : reader.GetString(15),
        ServiceId = reader.IsDBNull(16) ? null : reader.GetString(16),
        Parent = reader.IsDBNull(17) ? null : new DocumentId(ReadGuid(reader, 17)),
        DueAt = reader.IsDBNull(18) ? null : new DateTimeOffset(reader.GetInt64(18), TimeSpan.Zero),
        SentBy = reader.IsDBNull(19) ? null : new PostId(reader.GetString(19)),
        ServiceVersion = reader.IsDBNull(20) ? null : ReadInt(reader, 20, 0, int.MaxValue),
        Authority = reader.IsDBNull(21) ? null : reader.GetString(21),
        EscalationLevel = ReadInt(reader, 22, 0, 2),
        PausedAt = reader.IsDBNull(23) ? null : new DateTimeOffset(reader.GetInt64(23), TimeSpan.Zero),
        Applicant = reader.IsDBNull(24) ? null : new OfficerId(reader.GetString(24)),
        AppealLevel = ReadInt(reader, 25, 0, 2),
        Grading = ReadNumber<SecurityGrading>(reader, 26),
        Physical = reader.GetInt64(27) != 0,
        AwaitingReceipt = reader.GetInt64(28) != 0,
    };

    private static Guid ReadGuid(SqliteDataReader reader, int ordinal)
    {
        var bytes = reader.GetFieldValue<byte[]>(ordinal);
        if (bytes.Length != 16)
        {
            throw new DataException($"Column {reader.GetName(ordinal)} holds {bytes.Length} bytes, not a 16-byte identifier.");
        }

        return new Guid(bytes, bigEndian: true);
    }
}
