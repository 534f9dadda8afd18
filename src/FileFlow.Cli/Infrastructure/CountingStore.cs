using System.Runtime.CompilerServices;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Cli.Infrastructure;

/// <summary>Forwards every call to a store and reports each record it streams out, so a long command can show how far it has read.</summary>
internal sealed class CountingStore(IDocumentStore inner, Action<long> read) : IDocumentStore
{
    public ValueTask AppendAsync(IReadOnlyList<RecordAppend> batch, CancellationToken cancellationToken = default) => inner.AppendAsync(batch, cancellationToken);

    public ValueTask<DocumentHead?> GetHeadAsync(DocumentId id, CancellationToken cancellationToken = default) => inner.GetHeadAsync(id, cancellationToken);

    public async IAsyncEnumerable<SignedRecord> ReadStreamAsync(DocumentId id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in inner.ReadStreamAsync(id, cancellationToken).ConfigureAwait(false))
        {
            read(1);
            yield return record;
        }
    }

    public async IAsyncEnumerable<SignedRecord> ReadAllAsync(long fromPosition = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in inner.ReadAllAsync(fromPosition, cancellationToken).ConfigureAwait(false))
        {
            read(1);
            yield return record;
        }
    }

    public ValueTask<IReadOnlyList<SignedRecord>> FindActionAsync(Guid actionId, CancellationToken cancellationToken = default) => inner.FindActionAsync(actionId, cancellationToken);

    public ValueTask<Page<DocumentHead>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    public ValueTask<IReadOnlyList<PendencyCount>> PendencyAsync(PendencyGrouping grouping, DocumentKind kind = DocumentKind.File, CancellationToken cancellationToken = default) =>
        inner.PendencyAsync(grouping, kind, cancellationToken);

    public ValueTask<long> NextSerialAsync(string scope, CancellationToken cancellationToken = default) => inner.NextSerialAsync(scope, cancellationToken);

    public ValueTask<long> PeekSerialAsync(string scope, CancellationToken cancellationToken = default) => inner.PeekSerialAsync(scope, cancellationToken);
}
