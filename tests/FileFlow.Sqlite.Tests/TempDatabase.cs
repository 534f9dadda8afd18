using Microsoft.Data.Sqlite;

namespace FileFlow.Sqlite.Tests;

/// <summary>A temporary directory for SQLite files; disposes the stores opened in it and deletes it.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly List<SqliteDocumentStore> stores = [];
    private int count;

    public TempDatabase()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fileflow-sqlite-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = NewPath();
    }

    public string Directory { get; }

    /// <summary>Gets the main database file of this directory.</summary>
    public string FilePath { get; }

    public string NewPath() => System.IO.Path.Combine(Directory, $"store{Interlocked.Increment(ref count)}.db");

    public async Task<SqliteDocumentStore> OpenAsync(string? path = null, Action<SqliteStoreOptions>? configure = null)
    {
        var options = new SqliteStoreOptions { Path = path ?? FilePath };
        configure?.Invoke(options);
        var store = await SqliteDocumentStore.OpenAsync(options);
        lock (stores)
        {
            stores.Add(store);
        }

        return store;
    }

    /// <summary>Runs SQL on a separate raw connection, as an outside tool (or an attacker) would.</summary>
    public void Execute(string sql, string? path = null, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path ?? FilePath, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, string? path = null)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path ?? FilePath, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a killed child may still hold the file for a moment.
        }
    }
}
