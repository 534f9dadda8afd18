using System.Runtime.CompilerServices;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;

namespace FileFlow.Storage;

/// <summary>A store that keeps everything in memory: for tests, simulations and examples; nothing survives the process.</summary>
/// <remarks>Thread-safe; appends are serialised by one lock and are atomic. Heads are indexed by parent and by holder, as the durable
/// stores index them, so listing a file's notings or a post's inbox costs the same however many documents the store holds.</remarks>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly Lock gate = new();
    private readonly List<SignedRecord> all = [];
    private readonly Dictionary<DocumentId, List<SignedRecord>> streams = [];
    private readonly Dictionary<DocumentId, DocumentHead> heads = [];
    private readonly Dictionary<Guid, List<SignedRecord>> actions = [];
    private readonly Dictionary<string, long> counters = new(StringComparer.Ordinal);
    private readonly Dictionary<DocumentId, HashSet<DocumentId>> byParent = [];
    private readonly Dictionary<PostId, HashSet<DocumentId>> byHolder = [];

    /// <summary>Gets the number of records stored.</summary>
    public long Count
    {
        get
        {
            lock (gate)
            {
                return all.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask AppendAsync(IReadOnlyList<RecordAppend> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var pending = new Dictionary<DocumentId, long>();
            var pendingActions = new HashSet<(Guid, DocumentId)>();
            foreach (var append in batch)
            {
                var record = append.Record.Record;
                var current = pending.TryGetValue(record.DocumentId, out var p) ? p
                    : heads.TryGetValue(record.DocumentId, out var head) ? head.Sequence : -1;
                if (current != append.ExpectedSequence)
                {
                    throw new ConcurrencyException(record.DocumentId, append.ExpectedSequence, current);
                }

                if (!pendingActions.Add((record.ActionId, record.DocumentId)) || actions.ContainsKey(record.ActionId))
                {
                    throw new DuplicateActionException(record.ActionId, record.DocumentId);
                }

                pending[record.DocumentId] = record.Sequence;
            }

            var taken = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var claim in batch.SelectMany(a => a.Serials))
            {
                var current = taken.TryGetValue(claim.Scope, out var t) ? t : counters.GetValueOrDefault(claim.Scope);
                if (claim.Value != current + 1)
                {
                    throw new SerialTakenException(claim.Scope, claim.Value);
                }

                taken[claim.Scope] = claim.Value;
            }

            foreach (var (scope, value) in taken)
            {
                counters[scope] = value;
            }

            foreach (var append in batch)
            {
                var stored = append.Record.AtPosition(all.Count);
                var id = stored.Record.DocumentId;
                all.Add(stored);
                if (!streams.TryGetValue(id, out var stream))
                {
                    streams[id] = stream = [];
                }

                stream.Add(stored);
                Index(heads.GetValueOrDefault(id), append.Head);
                heads[id] = append.Head;
                if (!actions.TryGetValue(stored.Record.ActionId, out var list))
                {
                    actions[stored.Record.ActionId] = list = [];
                }

                list.Add(stored);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<DocumentHead?> GetHeadAsync(DocumentId id, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return ValueTask.FromResult(heads.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SignedRecord> ReadStreamAsync(DocumentId id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SignedRecord[] snapshot;
        lock (gate)
        {
            snapshot = streams.TryGetValue(id, out var stream) ? [.. stream] : [];
        }

        foreach (var record in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SignedRecord> ReadAllAsync(long fromPosition = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromPosition);
        for (var position = fromPosition; ; position++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SignedRecord record;
            lock (gate)
            {
                if (position >= all.Count)
                {
                    break;
                }

                record = all[(int)position];
            }

            yield return record;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static bool MatchesText(DocumentHead head, string text) =>
        (head.Reference is { } reference && reference.StartsWith(text, StringComparison.OrdinalIgnoreCase))
        || (head.Subject is { } subject && subject.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SignedRecord>> FindActionAsync(Guid actionId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<SignedRecord> result = actions.TryGetValue(actionId, out var list) ? [.. list] : [];
            return ValueTask.FromResult(result);
        }
    }

    /// <inheritdoc />
    public ValueTask<Page<DocumentHead>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1000);
        var after = query.After is null ? ((long, DocumentId)?)null : PageToken.Parse(query.After);
        List<DocumentHead> matches;
        lock (gate)
        {
            matches = Candidates(query).Where(h =>
                    (query.Holder is null || h.Holder == query.Holder)
                    && (query.State is null || h.State == query.State)
                    && (query.Kind is null || h.Kind == query.Kind)
                    && (query.Parent is null || h.Parent == query.Parent)
                    && (query.ServiceId is null || h.ServiceId == query.ServiceId)
                    && (!query.PendingOnly || DocumentStates.IsPending(h.Kind, h.State))
                    && (query.MaxGrading is null || h.Grading <= query.MaxGrading)
                    && (query.DueBefore is null || (h.DueAt is { } due && due < query.DueBefore))
                    && (query.Text is null || MatchesText(h, query.Text)))
                .ToList();
        }

        var ordered = matches
            .OrderBy(h => h.UpdatedAt.ToUnixTimeMilliseconds())
            .ThenBy(h => h.Id.ToString(), StringComparer.Ordinal)
            .Where(h => after is not { } a
                || h.UpdatedAt.ToUnixTimeMilliseconds() > a.Item1
                || (h.UpdatedAt.ToUnixTimeMilliseconds() == a.Item1 && string.CompareOrdinal(h.Id.ToString(), a.Item2.ToString()) > 0))
            .Take(query.Limit + 1)
            .ToList();
        var hasMore = ordered.Count > query.Limit;
        var items = ordered.Take(query.Limit).ToList();
        return ValueTask.FromResult(new Page<DocumentHead>(items, hasMore ? PageToken.After(items[^1]) : null));
    }

    /// <summary>The narrowest indexed set that can hold a query's matches; the caller holds the lock.</summary>
    private IEnumerable<DocumentHead> Candidates(DocumentQuery query)
    {
        var ids = query.Parent is { } parent ? byParent.GetValueOrDefault(parent)
            : query.Holder is { } holder ? byHolder.GetValueOrDefault(holder)
            : null;
        return query.Parent is null && query.Holder is null ? heads.Values
            : ids?.Select(id => heads[id]) ?? [];
    }

    /// <summary>Moves a document between the parent and holder indexes as its head changes; the caller holds the lock.</summary>
    private void Index(DocumentHead? before, DocumentHead after)
    {
        if (before?.Parent != after.Parent)
        {
            if (before?.Parent is { } oldParent)
            {
                byParent[oldParent].Remove(after.Id);
            }

            if (after.Parent is { } newParent)
            {
                Add(byParent, newParent, after.Id);
            }
        }

        if (before?.Holder != after.Holder)
        {
            if (before is not null)
            {
                byHolder[before.Holder].Remove(after.Id);
            }

            Add(byHolder, after.Holder, after.Id);
        }

        static void Add<TKey>(Dictionary<TKey, HashSet<DocumentId>> index, TKey key, DocumentId id)
            where TKey : notnull
        {
            if (!index.TryGetValue(key, out var set))
            {
                index[key] = set = [];
            }

            set.Add(id);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PendencyCount>> PendencyAsync(PendencyGrouping grouping, DocumentKind kind = DocumentKind.File, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<PendencyCount> counts = heads.Values
                .Where(h => h.Kind == kind && DocumentStates.IsPending(h.Kind, h.State))
                .GroupBy(h => grouping == PendencyGrouping.Holder ? h.Holder.Value : h.ServiceId ?? string.Empty)
                .Select(g => new PendencyCount(g.Key, g.LongCount(), g.Min(h => h.UpdatedAt)))
                .OrderByDescending(c => c.Count)
                .ThenBy(c => c.Key, StringComparer.Ordinal)
                .ToList();
            return ValueTask.FromResult(counts);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> NextSerialAsync(string scope, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        lock (gate)
        {
            var next = counters.GetValueOrDefault(scope) + 1;
            counters[scope] = next;
            return ValueTask.FromResult(next);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> PeekSerialAsync(string scope, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        lock (gate)
        {
            return ValueTask.FromResult(counters.GetValueOrDefault(scope) + 1);
        }
    }
}
