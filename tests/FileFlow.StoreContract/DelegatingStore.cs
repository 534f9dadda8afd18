using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.StoreContract;

/// <summary>A real store passed through: tests derive from it and override only the one call they make misbehave (a crash, a race, a gate).</summary>
public abstract class DelegatingStore(IDocumentStore inner) : IDocumentStore
{
    /// <summary>Gets the store every call goes to.</summary>
    protected IDocumentStore Inner { get; } = inner;

    public virtual ValueTask AppendAsync(IReadOnlyList<RecordAppend> batch, CancellationToken cancellationToken = default) => Inner.AppendAsync(batch, cancellationToken);

    public virtual ValueTask<DocumentHead?> GetHeadAsync(DocumentId id, CancellationToken cancellationToken = default) => Inner.GetHeadAsync(id, cancellationToken);

    public virtual IAsyncEnumerable<SignedRecord> ReadStreamAsync(DocumentId id, CancellationToken cancellationToken = default) => Inner.ReadStreamAsync(id, cancellationToken);

    public virtual IAsyncEnumerable<SignedRecord> ReadAllAsync(long fromPosition = 0, CancellationToken cancellationToken = default) => Inner.ReadAllAsync(fromPosition, cancellationToken);

    public virtual ValueTask<IReadOnlyList<SignedRecord>> FindActionAsync(Guid actionId, CancellationToken cancellationToken = default) => Inner.FindActionAsync(actionId, cancellationToken);

    public virtual ValueTask<Page<DocumentHead>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default) => Inner.QueryAsync(query, cancellationToken);

    public virtual ValueTask<IReadOnlyList<PendencyCount>> PendencyAsync(PendencyGrouping grouping, DocumentKind kind = DocumentKind.File, CancellationToken cancellationToken = default) =>
        Inner.PendencyAsync(grouping, kind, cancellationToken);

    public virtual ValueTask<long> NextSerialAsync(string scope, CancellationToken cancellationToken = default) => Inner.NextSerialAsync(scope, cancellationToken);

    public virtual ValueTask<long> PeekSerialAsync(string scope, CancellationToken cancellationToken = default) => Inner.PeekSerialAsync(scope, cancellationToken);
}
