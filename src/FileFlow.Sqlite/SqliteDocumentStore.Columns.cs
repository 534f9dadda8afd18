using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using FileFlow.Documents;
using FileFlow.Storage;
using Microsoft.Data.Sqlite;

namespace FileFlow.Sqlite;

/// <content>The stored columns as they are, for verification (<see cref="IStoredColumnSource"/>), and the checked reading of enum and number columns.</content>
public sealed partial class SqliteDocumentStore : IStoredColumnSource
{
    private const int ColumnChunk = 8192;

    private static readonly StoredColumn[] NoColumns = [];

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredRecordKeys> ReadRecordKeysAsync(DocumentId? document = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var chunk = new List<StoredRecordKeys>(ColumnChunk);
        long next = 0;
        while (true)
        {
            chunk.Clear();
            var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var command = connection.CreateCommand();
                var filter = document is null ? string.Empty : " AND document_id = $id";
                command.CommandText = $"SELECT position, document_id, sequence, action_id FROM records WHERE position >= $from{filter} ORDER BY position LIMIT $limit";
                command.Parameters.AddWithValue("$from", next);
                command.Parameters.AddWithValue("$limit", ColumnChunk);
                if (document is { } id)
                {
                    command.Parameters.AddWithValue("$id", Bytes(id.Value));
                }

                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var action = reader.GetFieldValue<byte[]>(3);
                        chunk.Add(new StoredRecordKeys(
                            reader.GetInt64(0),
                            new DocumentId(ReadGuid(reader, 1)),
                            reader.GetInt64(2),
                            action.Length == 16 ? new Guid(action, bigEndian: true) : Guid.Empty));
                    }
                }
            }

            foreach (var keys in chunk)
            {
                yield return keys;
            }

            if (chunk.Count < ColumnChunk)
            {
                yield break;
            }

            next = chunk[^1].Position + 1;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredHeadRow> ReadHeadRowsAsync(DocumentId? document = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var chunk = new List<(byte[] Key, StoredHeadRow Row)>(ColumnChunk);
        byte[] after = [];
        while (true)
        {
            chunk.Clear();
            var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var command = connection.CreateCommand();
                command.CommandText = document is null
                    ? $"SELECT {HeadColumns}, pending, search_reference, search_subject FROM heads WHERE id > $after ORDER BY id LIMIT $limit"
                    : $"SELECT {HeadColumns}, pending, search_reference, search_subject FROM heads WHERE id = $id";
                command.Parameters.AddWithValue("$after", after);
                command.Parameters.AddWithValue("$limit", ColumnChunk);
                command.Parameters.AddWithValue("$id", document is { } id ? Bytes(id.Value) : []);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        chunk.Add((reader.GetFieldValue<byte[]>(0), ReadHeadRow(reader)));
                    }
                }
            }

            foreach (var (_, row) in chunk)
            {
                yield return row;
            }

            if (document is not null || chunk.Count < ColumnChunk)
            {
                yield break;
            }

            after = chunk[^1].Key;
        }
    }

    private static StoredHeadRow ReadHeadRow(SqliteDataReader reader)
    {
        var raw = reader.GetFieldValue<byte[]>(0);
        var id = new DocumentId(raw.Length == 16 ? new Guid(raw, bigEndian: true) : Guid.Empty);
        DocumentHead head;
        try
        {
            head = ReadHead(reader);
        }
        catch (Exception e) when (e is DataException or InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            return new StoredHeadRow(id, null, e.Message);
        }

        var at = HeadColumnCount;
        return new StoredHeadRow(id, head, null)
        {
            DerivedColumns =
            [
                new("heads.pending", Text(reader, at), h => DocumentStates.IsPending(h.Kind, h.State) ? "1" : "0"),
                new("heads.search_reference", Text(reader, at + 1), h => h.Reference?.ToUpperInvariant()),
                new("heads.search_subject", Text(reader, at + 2), h => h.Subject?.ToUpperInvariant()),
            ],
        };
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal)
        ? null
        : Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>Reads an enum column stored by name; an unknown name (or a number) is a <see cref="DataException"/> naming the column.</summary>
    private static TEnum ReadName<TEnum>(SqliteDataReader reader, int ordinal)
        where TEnum : struct, Enum
    {
        var text = reader.IsDBNull(ordinal) ? "NULL" : Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture) ?? "NULL";
        return Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) && value.ToString() == text
            ? value
            : throw new DataException($"column heads.{reader.GetName(ordinal)} holds '{text}', which is not a {typeof(TEnum).Name}");
    }

    /// <summary>Reads an integer column that must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    private static int ReadInt(SqliteDataReader reader, int ordinal, int min, int max)
    {
        var value = reader.GetValue(ordinal);
        return value is long number && number >= min && number <= max
            ? (int)number
            : throw new DataException($"column heads.{reader.GetName(ordinal)} holds {Convert.ToString(value, CultureInfo.InvariantCulture)}, outside {min} to {max}");
    }

    private static TEnum ReadNumber<TEnum>(SqliteDataReader reader, int ordinal)
        where TEnum : struct, Enum
    {
        var value = (TEnum)Enum.ToObject(typeof(TEnum), ReadInt(reader, ordinal, int.MinValue, int.MaxValue));
        return Enum.IsDefined(value) ? value : throw new DataException($"column heads.{reader.GetName(ordinal)} holds {value}, which is not a {typeof(TEnum).Name}");
    }
}
