using System.Runtime.CompilerServices;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Tests.Audit;

/// <summary>A store whose reads an attacker has altered: it rewrites, drops or reorders records and heads as it hands them out.</summary>
internal sealed class TamperingStore(IDocumentStore inner) : IDocumentStore
{
    public Func<SignedRecord, SignedRecord?> Rewrite { get; init; } = r => r;

    public Func<IReadOnlyList<SignedRecord>, IReadOnlyList<SignedRecord>> Reshape { get; init; } = list => list;

    public Func<DocumentHead, DocumentHead?> RewriteHead { get; init; } = h => h;

    public static SignedRecord WithBytes(SignedRecord r, byte[] bytes) =>
        SignedRecord.FromStored(r.DocumentId, r.Sequence, bytes, r.Signature, r.Content, r.Position);

    public static SignedRecord WithSignature(SignedRecord r, byte[] signature) =>
        SignedRecord.FromStored(r.DocumentId, r.Sequence, r.CanonicalBytes, new RecordSignature(r.Signature.Algorithm, signature), r.Content, r.Position);

    public ValueTask AppendAsync(IReadOnlyList<RecordAppend> batch, CancellationToken cancellationToken = default) => inner.AppendAsync(batch, cancellationToken);

    public async ValueTask<DocumentHead?> GetHeadAsync(DocumentId id, CancellationToken cancellationToken = default) =>
        await inner.GetHeadAsync(id, cancellationToken) is { } head ? RewriteHead(head) : null;

    public async IAsyncEnumerable<SignedRecord> ReadStreamAsync(DocumentId id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var r in await AlterAsync(inner.ReadStreamAsync(id, cancellationToken)))
        {
            yield return r;
        }
    }

    public async IAsyncEnumerable<SignedRecord> ReadAllAsync(long fromPosition = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var r in await AlterAsync(inner.ReadAllAsync(fromPosition, cancellationToken)))
        {
            yield return r;
        }
    }

    public ValueTask<IReadOnlyList<SignedRecord>> FindActionAsync(Guid actionId, CancellationToken cancellationToken = default) => inner.FindActionAsync(actionId, cancellationToken);

    public async ValueTask<Page<DocumentHead>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default)
    {
        var page = await inner.QueryAsync(query, cancellationToken);
        return page with { Items = page.Items.Select(RewriteHead).OfType<DocumentHead>().ToList() };
    }

    public ValueTask<IReadOnlyList<PendencyCount>> PendencyAsync(PendencyGrouping grouping, DocumentKind kind = DocumentKind.File, CancellationToken cancellationToken = default) =>
        inner.PendencyAsync(grouping, kind, cancellationToken);

    public ValueTask<long> NextSerialAsync(string scope, CancellationToken cancellationToken = default) => inner.NextSerialAsync(scope, cancellationToken);

    private async Task<IReadOnlyList<SignedRecord>> AlterAsync(IAsyncEnumerable<SignedRecord> source)
    {
        var list = new List<SignedRecord>();
        await foreach (var r in source)
        {
            if (Rewrite(r) is { } kept)
            {
                list.Add(kept);
            }
        }

        return Reshape(list);
    }
}
