using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Sqlite.Child;

/// <summary>Passes everything through, but holds each append until <see cref="Gate"/> lets it go: two processes can then both decide before either appends.</summary>
public sealed class GatedStore(IDocumentStore inner, Func<Task> gate) : IDocumentStore
{
    public Func<Task> Gate { get; } = gate;

    public async ValueTask AppendAsync(IReadOnlyList<RecordAppend> batch, CancellationToken cancellationToken = default)
    {
        await Gate();
        await inner.AppendAsync(batch, cancellationToken);
    }

    public ValueTask<DocumentHead?> GetHeadAsync(DocumentId id, CancellationToken cancellationToken = default) => inner.GetHeadAsync(id, cancellationToken);

    public IAsyncEnumerable<SignedRecord> ReadStreamAsync(DocumentId id, CancellationToken cancellationToken = default) => inner.ReadStreamAsync(id, cancellationToken);

    public IAsyncEnumerable<SignedRecord> ReadAllAsync(long fromPosition = 0, CancellationToken cancellationToken = default) => inner.ReadAllAsync(fromPosition, cancellationToken);

    public ValueTask<IReadOnlyList<SignedRecord>> FindActionAsync(Guid actionId, CancellationToken cancellationToken = default) => inner.FindActionAsync(actionId, cancellationToken);

    public ValueTask<Page<DocumentHead>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    public ValueTask<IReadOnlyList<PendencyCount>> PendencyAsync(PendencyGrouping grouping, DocumentKind kind = DocumentKind.File, CancellationToken cancellationToken = default) =>
        inner.PendencyAsync(grouping, kind, cancellationToken);

    public ValueTask<long> NextSerialAsync(string scope, CancellationToken cancellationToken = default) => inner.NextSerialAsync(scope, cancellationToken);

    public ValueTask<long> PeekSerialAsync(string scope, CancellationToken cancellationToken = default) => inner.PeekSerialAsync(scope, cancellationToken);
}
