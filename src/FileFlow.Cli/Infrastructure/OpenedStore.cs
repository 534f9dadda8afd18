using FileFlow.Storage;

namespace FileFlow.Cli.Infrastructure;

/// <summary>A store and what disposes it.</summary>
internal sealed class OpenedStore(IDocumentStore store, IAsyncDisposable? owner) : IAsyncDisposable
{
    public IDocumentStore Store { get; } = store;

    public ValueTask DisposeAsync() => owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
