using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Sqlite.Tests;

/// <summary>The contract again with one durable commit per append (group commit off) and synchronous NORMAL.</summary>
public sealed class SqliteDocumentStoreWithoutGroupCommitContractTests : DocumentStoreContract, IAsyncLifetime
{
    private readonly TempDatabase database = new();

    protected override async Task<IDocumentStore> CreateStoreAsync() =>
        await database.OpenAsync(database.NewPath(), o => { o.GroupCommit = false; o.SynchronousMode = SqliteSynchronousMode.Normal; });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();
}
