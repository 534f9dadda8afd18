using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Storage;

public sealed class InMemoryDocumentStoreTests : DocumentStoreContract
{
    protected override Task<IDocumentStore> CreateStoreAsync() => Task.FromResult<IDocumentStore>(new InMemoryDocumentStore());
}
