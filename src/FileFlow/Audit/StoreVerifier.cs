using System.Collections.Immutable;
using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Services;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>Verifies documents the way an auditor would, trusting nothing the store says: hashes, chain, signatures, machine, authority and heads.</summary>
/// <remarks>Thread-safe. The whole-store check streams the log in chunks and checks signatures on all cores.</remarks>
public sealed partial class StoreVerifier
{
    private const int ChunkSize = 4096;
    private readonly ISignatureVerifier signatures;
    private readonly AuthorityPolicy? policy;
    private readonly int parallelism;

    /// <summary>Initializes a verifier.</summary>
    /// <param name="signatures">Checks each record's signature.</param>
    /// <param name="organisation">When given, each actor's authority is checked at the record's time.</param>
    /// <param name="maxDegreeOfParallelism">Cores used for signatures; all of them by default.</param>
    /// <param name="services">When given with <paramref name="organisation"/>, the powers of service files are checked too (who may decide, escalation targets).</param>
    /// <remarks>Authority is judged by the same <see cref="AuthorityPolicy"/> the engine asks, so a record the engine would have refused fails as <see cref="VerificationFailureKind.Unauthorised"/>.</remarks>
    public StoreVerifier(ISignatureVerifier signatures, OrganisationChart? organisation = null, int? maxDegreeOfParallelism = null, ServiceCatalog? services = null)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        this.signatures = signatures;
        policy = organisation is null ? null : new AuthorityPolicy(organisation, services);
        parallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount;
    }

    /// <summary>Gets this instance's name (<see cref="Engine.FileFlowEngineOptions.Instance"/>); when set, records of files received from other instances
    /// are accepted without this organisation's authority check, as far as this instance's signed receipt of them vouches (their signatures, chain and
    /// machine are still checked, against the trust anchors of every trusted instance).</summary>
    /// <value><see langword="null"/> by default: every record is judged by this organisation's authority policy.</value>
    public string? Instance { get; init; }

    /// <summary>Verifies one document's records against its stored head.</summary>
    public async Task<VerificationReport> VerifyDocumentAsync(IDocumentStore store, DocumentId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var set = new ReplaySet(policy, Instance);
        var replay = set.Get(id);
        var records = new List<SignedRecord>();
        await foreach (var record in store.ReadStreamAsync(id, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        var checks = CheckSignatures(records);
        if (policy is null)
        {
            for (var i = 0; i < records.Count; i++)
            {
                replay.Apply(records[i], checks[i]);
            }
        }
        else
        {
            await ReplayWithRelatedAsync(store, id, set, records, checks, cancellationToken).ConfigureAwait(false);
        }

        set.Finish();

        if (store is IStoredColumnSource source)
        {
            var (row, keys) = await ReadColumnsAsync(source, id, cancellationToken).ConfigureAwait(false);
            if (row is null && records.Count == 0)
            {
                return new VerificationReport(0, 0, [new VerificationFailure(id, -1, VerificationFailureKind.Missing, "the document does not exist")]);
            }

            VerificationFailure? columns = null;
            for (var i = 0; i < records.Count && columns is null; i++)
            {
                columns = CheckFiling(records[i], i < keys.Count ? keys[i] : null);
            }

            if (row is null)
            {
                replay.CompareWith(null);
            }
            else
            {
                columns ??= CheckHeadRow(row, replay);
            }

            return new VerificationReport(1, replay.Records, (replay.Failure ?? columns) is { } found ? [found] : []);
        }

        var head = await store.GetHeadAsync(id, cancellationToken).ConfigureAwait(false);
        if (head is null && records.Count == 0)
        {
            return new VerificationReport(0, 0, [new VerificationFailure(id, -1, VerificationFailureKind.Missing, "the document does not exist")]);
        }

        replay.CompareWith(head);
        return new VerificationReport(1, replay.Records, replay.Failure is { } f ? [f] : []);
    }

    /// <summary>Verifies every record in the store, in global order, and every document's head; reports the first bad record of each bad document.</summary>
    public async Task<VerificationReport> VerifyAllAsync(IDocumentStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var replays = new ReplaySet(policy, Instance);
        var failures = ImmutableArray.CreateBuilder<VerificationFailure>();
        var chunk = new List<SignedRecord>(ChunkSize);
        long expectedPosition = 0;
        long records = 0;
        var source = store as IStoredColumnSource;
        var columnFailures = new Dictionary<DocumentId, VerificationFailure>();
        var keys = source?.ReadRecordKeysAsync(null, cancellationToken).GetAsyncEnumerator(cancellationToken);

        // A pipeline of three chunks: this thread reads chunk N+1 while chunk N's signatures are checked on all cores, and replays chunk N,
        // in log order, once its checks are done; so the replay and the reading overlap the signature checks.
        (List<SignedRecord> Chunk, Task<SignatureCheck[]> Checks)? pending = null;

        async Task ReplayPendingAsync()
        {
            if (pending is { } waiting)
            {
                var (done, checking) = waiting;
                pending = null;
                var checks = await checking.ConfigureAwait(false);
                for (var i = 0; i < done.Count; i++)
                {
                    replays.Apply(done[i], checks[i]);
                }

                records += done.Count;
            }
        }

        async Task FlushAsync()
        {
            var full = chunk;
            var checking = Task.Run(() => CheckSignatures(full, cancellationToken), cancellationToken);
            chunk = new List<SignedRecord>(ChunkSize);
            await ReplayPendingAsync().ConfigureAwait(false);
            pending = (full, checking);
        }

        try
        {
            await foreach (var stored in store.ReadAllAsync(0, cancellationToken).ConfigureAwait(false))
            {
                if (stored.Position != expectedPosition)
                {
                    failures.Add(new VerificationFailure(stored.DocumentId, stored.Sequence, VerificationFailureKind.Missing, $"the log jumps from position {expectedPosition - 1} to {stored.Position}: records were removed"));
                }

                expectedPosition = stored.Position + 1;
                if (keys is not null)
                {
                    StoredRecordKeys? filed = null;
                    while (await keys.MoveNextAsync().ConfigureAwait(false))
                    {
                        if (keys.Current.Position >= stored.Position)
                        {
                            filed = keys.Current;
                            break;
                        }
                    }

                    if (CheckFiling(stored, filed) is { } filing)
                    {
                        columnFailures.TryAdd(stored.DocumentId, filing);
                    }
                }

                chunk.Add(stored);
                if (chunk.Count == ChunkSize)
                {
                    await FlushAsync().ConfigureAwait(false);
                }
            }

            if (chunk.Count > 0)
            {
                await FlushAsync().ConfigureAwait(false);
            }

            await ReplayPendingAsync().ConfigureAwait(false);
        }
        finally
        {
            // On a failure or cancellation while reading, the checks still running are waited for, not left behind.
            if (pending is { } running)
            {
                await ((Task)running.Checks).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        replays.Finish();
        if (keys is not null)
        {
            await keys.DisposeAsync().ConfigureAwait(false);
        }

        var seen = new HashSet<DocumentId>();
        if (source is not null)
        {
            await foreach (var row in source.ReadHeadRowsAsync(null, cancellationToken).ConfigureAwait(false))
            {
                seen.Add(row.Id);
                if (CheckHeadRow(row, replays.Get(row.Id)) is { } headFailure)
                {
                    columnFailures.TryAdd(row.Id, headFailure);
                }
            }
        }
        else
        {
            var query = new DocumentQuery { Limit = 1000 };
            await foreach (var head in store.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
            {
                seen.Add(head.Id);
                replays.Get(head.Id).CompareWith(head);
            }
        }

        foreach (var replay in replays.Replays)
        {
            if (!seen.Contains(replay.Id))
            {
                replay.CompareWith(null);
            }

            if ((replay.Failure ?? columnFailures.GetValueOrDefault(replay.Id)) is { } failure)
            {
                failures.Add(failure);
            }
        }

        return new VerificationReport(replays.Count, records, failures.ToImmutable());
    }

    // One document verified alone is replayed beside its file and its notes and drafts, in global order, so its authority is judged as the engine judged it.
    private async Task ReplayWithRelatedAsync(IDocumentStore store, DocumentId id, ReplaySet set, List<SignedRecord> records, SignatureCheck[] checks, CancellationToken cancellationToken)
    {
        var related = new HashSet<DocumentId>();
        foreach (var stored in records)
        {
            if (stored.TryGetRecord(out var record, out _) && record!.Attribute(RecordAttributes.Parent) is { } p && Guid.TryParse(p, out var parent))
            {
                related.Add(new DocumentId(parent));
            }
        }

        await foreach (var child in store.QueryAllAsync(new DocumentQuery { Parent = id, Limit = 1000 }, cancellationToken).ConfigureAwait(false))
        {
            related.Add(child.Id);
        }

        var streams = new List<Queue<(SignedRecord Record, SignatureCheck Check)>> { new(records.Select((r, i) => (r, checks[i]))) };
        foreach (var other in related.Where(o => o != id))
        {
            var theirs = new List<SignedRecord>();
            await foreach (var r in store.ReadStreamAsync(other, cancellationToken).ConfigureAwait(false))
            {
                theirs.Add(r);
            }

            var their = CheckSignatures(theirs);
            streams.Add(new(theirs.Select((r, i) => (r, their[i]))));
        }

        // Merge by log position, each stream kept in the order the store gave it (so a reordered stream still fails as it would alone).
        while (streams.Where(q => q.Count > 0).MinBy(q => q.Peek().Record.Position) is { } next)
        {
            var (record, check) = next.Dequeue();
            set.Apply(record, check);
        }
    }

    private SignatureCheck[] CheckSignatures(List<SignedRecord> records, CancellationToken cancellationToken = default)
    {
        var checks = new SignatureCheck[records.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        Parallel.For(0, records.Count, options, i =>
        {
            var stored = records[i];
            checks[i] = stored.TryGetRecord(out var record, out _)
                ? signatures.Verify(record!, stored.CanonicalBytes.Span, stored.Signature)
                : SignatureCheck.Fail(SignatureFailure.Malformed, "record bytes are malformed");
        });
        return checks;
    }
}
