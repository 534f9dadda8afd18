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

    /// <summary>Gets the change made to the global log only (document streams and heads stay as stored).</summary>
    public Func<IReadOnlyList<SignedRecord>, IEnumerable<SignedRecord>> ReshapeLog { get; init; } = list => list;

    /// <summary>Hides every record of a document from the log; with <paramref name="renumber"/> the rest are renumbered to look contiguous.</summary>
    public static TamperingStore WithoutDocument(IDocumentStore inner, DocumentId id, bool renumber) =>
        new(inner)
        {
            ReshapeLog = all =>
            {
                var kept = all.Where(r => r.DocumentId != id);
                return renumber ? kept.Select((r, i) => r.AtPosition(i)) : kept;
            },
        };

    /// <summary>Replaces the canonical bytes of the record at a log position with a copy that has one byte changed.</summary>
    public static TamperingStore WithRewrittenRecord(IDocumentStore inner, long position) =>
        new(inner)
        {
            ReshapeLog = all => all.Select(r =>
            {
                if (r.Position != position)
                {
                    return r;
                }

                var bytes = r.CanonicalBytes.ToArray();
                bytes[bytes.Length / 2] ^= 0x20;
                return WithBytes(r, bytes);
            }),
        };

    /// <summary>Keeps only the first <paramref name="count"/> records of the log: the store restored from an old backup.</summary>
    public static TamperingStore RolledBackTo(IDocumentStore inner, int count) => new(inner) { ReshapeLog = all => all.Take(count) };

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
        foreach (var r in ReshapeLog(await AlterAsync(inner.ReadAllAsync(0, cancellationToken))).Where(r => r.Position >= fromPosition))
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

    public ValueTask<long> PeekSerialAsync(string scope, CancellationToken cancellationToken = default) => inner.PeekSerialAsync(scope, cancellationToken);

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
