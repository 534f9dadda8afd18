using Microsoft.Data.Sqlite;

namespace FileFlow.Cli.Tests;

/// <summary>What an insider with write access does to a SQLite store's tables directly, bypassing FileFlow.</summary>
internal static class StoreSurgery
{
    /// <summary>Deletes the last <paramref name="count"/> records of the log: the store as an earlier snapshot of it held it.</summary>
    public static Task DropLastRecordsAsync(string db, int count) =>
        ExecuteAsync(db, $"DELETE FROM records WHERE position >= (SELECT MAX(position) FROM records) - {count - 1}");

    /// <summary>Deletes one noting (its records and head) and renumbers the log's positions so they are contiguous again.</summary>
    public static Task DeleteOneNotingAsync(string db) => ExecuteAsync(db, """
        CREATE TEMP TABLE victim AS SELECT id FROM heads WHERE kind = 'Noting' ORDER BY id LIMIT 1;
        DELETE FROM records WHERE document_id IN (SELECT id FROM victim);
        DELETE FROM heads WHERE id IN (SELECT id FROM victim);
        CREATE TEMP TABLE renumber AS SELECT x.position AS old, (SELECT COUNT(*) FROM records r WHERE r.position < x.position) AS new FROM records x;
        UPDATE records SET position = -1 - (SELECT new FROM renumber WHERE old = records.position);
        UPDATE records SET position = -1 - position;
        """);

    private static async Task ExecuteAsync(string db, string sql)
    {
        await using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            (await command.ExecuteNonQueryAsync()).Should().BePositive();
        }

        SqliteConnection.ClearAllPools();
    }
}
