using System.Runtime.CompilerServices;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Tests.Audit;

/// <summary>A store decorator that lies about the global log the way a tampered database would: hides, rewrites or truncates records.</summary>
internal sealed class TamperingStore(IDocumentStore inner, Func<IReadOnlyList<SignedRecord>, IEnumerable<SignedRecord>> tamper) : IDocumentStore
{
    /// <summary>Hides every record of a document; with <paramref name="renumber"/> the rest are renumbered to look contiguous.</summary>
    public static TamperingStore WithoutDocument(IDocumentStore inner, DocumentId id, bool renumber) =>
        new(inner, all =>
        {
            var kept = all.Where(r => r.DocumentId != id);
            return renumber ? kept.Select((r, i) => r.AtPosition(i)) : kept;
        });

    /// <summary>Replaces the canonical bytes of the record at a position with a copy that has one byte changed.</summary>
    public static TamperingStore WithRewrittenRecord(IDocumentStore inner, long position) =>
        new(inner, all => all.Select(r =>
        {
            if (r.Position != position)
            {
                return r;
            }

            var bytes = r.CanonicalBytes.ToArray();
            bytes[bytes.Length / 2] ^= 0x20;
            return SignedRecord.FromStored(r.DocumentId, r.Sequence, bytes, r.Signature, r.Content, r.Position);
        }));

    /// <summary>Keeps only the first <paramref name="count"/> records: the store restored from an old backup.</summary>
    public static TamperingStore RolledBackTo(IDocumentStore inner, int count) => new(inner, all => all.Take(count));

    public ValueTask AppendAsync(IReadOnlyList<RecordAppend> batch, CancellationToken cancellationToken = default) => inner.AppendAsync(batch, cancellationToken);

    public ValueTask<DocumentHead?> GetHeadAsync(DocumentId id, CancellationToken cancellationToken = default) => inner.GetHeadAsync(id, cancellationToken);

    public IAsyncEnumerable<SignedRecord> ReadStreamAsync(DocumentId id, CancellationToken cancellationToken = default) => inner.ReadStreamAsync(id, cancellationToken);

    public async IAsyncEnumerable<SignedRecord> ReadAllAsync(long fromPosition = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var all = new List<SignedRecord>();
        await foreach (var record in inner.ReadAllAsync(0, cancellationToken))
        {
            all.Add(record);
        }

        foreach (var record in tamper(all).Where(r => r.Position >= fromPosition))
        {
            yield return record;
        }
    }

    public ValueTask<IReadOnlyList<SignedRecord>> FindActionAsync(Guid actionId, CancellationToken cancellationToken = default) => inner.FindActionAsync(actionId, cancellationToken);

    public ValueTask<Page<DocumentHead>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    public ValueTask<long> NextSerialAsync(string scope, CancellationToken cancellationToken = default) => inner.NextSerialAsync(scope, cancellationToken);
}
