using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Sqlite.Tests;

/// <summary>The shared store contract, run unchanged against real SQLite files.</summary>
public sealed class SqliteDocumentStoreContractTests : DocumentStoreContract, IAsyncLifetime
{
    private readonly TempDatabase database = new();

    protected override async Task<IDocumentStore> CreateStoreAsync() => await database.OpenAsync(database.NewPath());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();
}
