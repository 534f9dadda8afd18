using System.Text;
using FileFlow.Documents;
using FileFlow.Storage;
using Npgsql;
using NpgsqlTypes;

namespace FileFlow.PostgreSql;

/// <content>Inbox queries and pendency counts.</content>
public sealed partial class PostgreSqlDocumentStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Ordered by the last action's Unix milliseconds, then by id (PostgreSQL orders <c>uuid</c> as its 32 hexadecimal digits, the same
    /// order as the ids' text), exactly as <see cref="InMemoryDocumentStore"/>. Subjects match case-insensitively through <c>lower()</c>
    /// (Latin letters; other scripts as written); file and diary numbers match by prefix.
    /// </remarks>
    public async ValueTask<Page<DocumentHead>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1000);
        var after = query.After is null ? ((long, DocumentId)?)null : PageToken.Parse(query.After);

        var sql = new StringBuilder(Sql($"SELECT {HeadColumns} FROM {{s}}.heads WHERE true"));
        var parameters = new List<NpgsqlParameter>();
        void Where(string condition, params NpgsqlParameter[] values)
        {
            var text = condition;
            for (var i = 0; i < values.Length; i++)
            {
                parameters.Add(values[i]);
                text = text.Replace("@" + i, "$" + parameters.Count, StringComparison.Ordinal);
            }

            sql.Append(" AND ").Append(text);
        }

        if (query.Holder is { } holder)
        {
            Where("holder = @0", new NpgsqlParameter<string> { TypedValue = holder.Value });
        }

        if (query.State is { } state)
        {
            Where("state = @0", new NpgsqlParameter<short> { TypedValue = (short)state });
        }

        if (query.Kind is { } kind)
        {
            Where("kind = @0", new NpgsqlParameter<short> { TypedValue = (short)kind });
        }

        if (query.Parent is { } parent)
        {
            Where("parent = @0", new NpgsqlParameter<Guid> { TypedValue = parent.Value });
        }

        if (query.ServiceId is { } service)
        {
            Where("service_id = @0", new NpgsqlParameter<string> { TypedValue = service });
        }

        if (query.PendingOnly)
        {
            Where(PendingPredicate);
        }

        if (query.MaxGrading is { } grading)
        {
            // The grading lives in the extras JSON (HeadExtras); a head without extras is Normal.
            Where("coalesce((extras::jsonb ->> 'Grading')::integer, 0) <= @0", new NpgsqlParameter<int> { TypedValue = (int)grading });
        }

        if (query.DueBefore is { } dueBefore)
        {
            Where("due_at < @0", new NpgsqlParameter<DateTimeOffset> { TypedValue = dueBefore.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        }

        if (query.Text is { } text)
        {
            Where(
                "(lower(reference) LIKE lower(@0) OR position(lower(@1) IN lower(subject)) > 0)",
                new NpgsqlParameter<string> { TypedValue = EscapeLike(text) + "%" },
                new NpgsqlParameter<string> { TypedValue = text });
        }

        if (after is { } a)
        {
            Where("(updated_ms, id) > (@0, @1)", new NpgsqlParameter<long> { TypedValue = a.Item1 }, new NpgsqlParameter<Guid> { TypedValue = a.Item2.Value });
        }

        parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit + 1 });
        sql.Append(" ORDER BY updated_ms, id LIMIT $").Append(parameters.Count);

        var items = new List<DocumentHead>(Math.Min(query.Limit + 1, 64));
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(sql.ToString(), connection);
            command.Parameters.AddRange(parameters.ToArray());
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    items.Add(ReadHead(reader));
                }
            }
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
            PendencyGrouping.Service => "coalesce(service_id, '')",
            _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Group by holder or by service."),
        };
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                Sql($"SELECT {key} AS key, count(*), min(updated_at) FROM {{s}}.heads WHERE kind = $1 AND {PendingPredicate} GROUP BY 1 ORDER BY count(*) DESC, {key} COLLATE \"C\""),
                connection);
            command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)kind });
            var counts = new List<PendencyCount>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    counts.Add(new PendencyCount(reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2)));
                }
            }

            return counts;
        }
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
