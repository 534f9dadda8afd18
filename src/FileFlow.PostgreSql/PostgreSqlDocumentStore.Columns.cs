using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FileFlow.Documents;
using FileFlow.Storage;
using Npgsql;

namespace FileFlow.PostgreSql;

/// <content>The stored columns as they are, for verification (<see cref="IStoredColumnSource"/>), and the checked reading of enum columns.</content>
public sealed partial class PostgreSqlDocumentStore : IStoredColumnSource
{
    /// <inheritdoc />
    public async IAsyncEnumerable<StoredRecordKeys> ReadRecordKeysAsync(DocumentId? document = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long next = 0;
        while (true)
        {
            var page = new List<StoredRecordKeys>(readPageSize);
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var filter = document is null ? string.Empty : " AND document_id = $3";
                using var command = new NpgsqlCommand(
                    Sql($"SELECT position, document_id, sequence, action_id FROM {{s}}.records WHERE position >= $1{filter} ORDER BY position LIMIT $2"), connection);
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = next });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = readPageSize });
                if (document is { } id)
                {
                    command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id.Value });
                }

                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        page.Add(new StoredRecordKeys(reader.GetInt64(0), new DocumentId(reader.GetGuid(1)), reader.GetInt64(2), reader.GetGuid(3)));
                    }
                }
            }

            foreach (var keys in page)
            {
                yield return keys;
            }

            if (page.Count < readPageSize)
            {
                yield break;
            }

            next = page[^1].Position + 1;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredHeadRow> ReadHeadRowsAsync(DocumentId? document = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = Guid.Empty;
        var first = true;
        while (true)
        {
            var page = new List<StoredHeadRow>(readPageSize);
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var command = new NpgsqlCommand(
                    Sql(document is null
                        ? $"SELECT {HeadColumns}, updated_ms FROM {{s}}.heads WHERE ($3 OR id > $1) ORDER BY id LIMIT $2"
                        : $"SELECT {HeadColumns}, updated_ms FROM {{s}}.heads WHERE id = $1 AND $2 > 0 AND $3"),
                    connection);
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = document?.Value ?? after });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = readPageSize });
                command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = document is not null || first });
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        page.Add(ReadHeadRow(reader));
                    }
                }
            }

            foreach (var row in page)
            {
                yield return row;
            }

            if (document is not null || page.Count < readPageSize)
            {
                yield break;
            }

            after = page[^1].Id.Value;
            first = false;
        }
    }

    private static StoredHeadRow ReadHeadRow(NpgsqlDataReader reader)
    {
        var id = new DocumentId(reader.GetGuid(0));
        DocumentHead head;
        try
        {
            head = ReadHead(reader);
        }
        catch (Exception e) when (e is DataException or InvalidCastException or FormatException or OverflowException or ArgumentException or JsonException)
        {
            return new StoredHeadRow(id, null, e.Message);
        }

        return new StoredHeadRow(id, head, null)
        {
            DerivedColumns =
            [
                new("heads.updated_ms", Convert.ToString(reader.GetInt64(20), CultureInfo.InvariantCulture),
                    h => h.UpdatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            ],
        };
    }

    /// <summary>Reads an enum column stored as a number; a number that names no member is a <see cref="DataException"/> naming the column.</summary>
    private static TEnum ReadEnum<TEnum>(NpgsqlDataReader reader, int ordinal)
        where TEnum : struct, Enum
    {
        var value = (TEnum)Enum.ToObject(typeof(TEnum), reader.GetInt16(ordinal));
        return Enum.IsDefined(value) ? value : throw new DataException($"column heads.{reader.GetName(ordinal)} holds {value}, which is not a {typeof(TEnum).Name}");
    }
}
