using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.PostgreSql.Tests;

/// <summary>The shared store contract against a real PostgreSQL server, each test in a fresh schema dropped afterwards.</summary>
[RequiresPostgres]
public sealed class PostgreSqlDocumentStoreContractTests : DocumentStoreContract, IAsyncLifetime
{
    private readonly List<(PostgreSqlDocumentStore Store, string Schema)> opened = [];

    protected override async Task<IDocumentStore> CreateStoreAsync()
    {
        var schema = PostgresServer.NewSchema();
        var store = await PostgresServer.OpenAsync(schema);
        opened.Add((store, schema));
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (store, schema) in opened)
        {
            await store.DisposeAsync();
            await PostgresServer.DropSchemaAsync(schema);
        }
    }
}
