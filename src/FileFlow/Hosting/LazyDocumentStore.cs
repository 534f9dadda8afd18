using System.Runtime.CompilerServices;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Hosting;

/// <summary>A store that opens the real one asynchronously on first use (or when the host starts) and forwards every call to it.</summary>
/// <remarks>Lets a container hand out the engine synchronously without blocking on an asynchronous open. A failed open is retried by the next call.</remarks>
internal sealed class LazyDocumentStore(Func<CancellationToken, ValueTask<IDocumentStore>> open) : IDocumentStore, IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile IDocumentStore? inner;
    private bool disposed;

    /// <summary>Opens the store if it is not open yet and returns it.</summary>
    public async ValueTask<IDocumentStore> OpenAsync(CancellationToken cancellationToken)
    {
        if (inner is { } opened)
        {
            return opened;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return inner ??= await open(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask AppendAsync(IReadOnlyList<RecordAppend> batch, CancellationToken cancellationToken = default) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).AppendAsync(batch, cancellationToken).ConfigureAwait(false);

    public async ValueTask<DocumentHead?> GetHeadAsync(DocumentId id, CancellationToken cancellationToken = default) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).GetHeadAsync(id, cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<SignedRecord> ReadStreamAsync(DocumentId id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var store = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var record in store.ReadStreamAsync(id, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    public async IAsyncEnumerable<SignedRecord> ReadAllAsync(long fromPosition = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var store = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var record in store.ReadAllAsync(fromPosition, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    public async ValueTask<IReadOnlyList<SignedRecord>> FindActionAsync(Guid actionId, CancellationToken cancellationToken = default) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).FindActionAsync(actionId, cancellationToken).ConfigureAwait(false);

    public async ValueTask<Page<DocumentHead>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).QueryAsync(query, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<PendencyCount>> PendencyAsync(PendencyGrouping grouping, DocumentKind kind = DocumentKind.File, CancellationToken cancellationToken = default) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).PendencyAsync(grouping, kind, cancellationToken).ConfigureAwait(false);

    public async ValueTask<long> NextSerialAsync(string scope, CancellationToken cancellationToken = default) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).NextSerialAsync(scope, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<long> PeekSerialAsync(string scope, CancellationToken cancellationToken = default) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).PeekSerialAsync(scope, cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            switch (inner)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
