using System.Runtime.CompilerServices;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <content>What officers ask every day, each answer cut to what the asking officer's clearance lets them see.</content>
public sealed partial class FileFlowEngine
{
    /// <summary>Lists an officer's inbox now: pending documents held by every post they hold or hold current charge of (a delegation), oldest first, one page at a time; documents graded above the officer's clearance are left out in the store query, so pages stay full.</summary>
    /// <param name="officer">The officer.</param>
    /// <param name="query">Further filters (kind, state, service), the page size and the continuation token; <see cref="DocumentQuery.Holder"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<Page<DocumentHead>> InboxAsync(OfficerId officer, DocumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ceiling = CeilingFor(officer, query);
        var posts = organisation.PostsActingFor(officer, Now());
        var merged = new List<DocumentHead>();
        var postHasMore = false;
        foreach (var (post, _) in posts)
        {
            // Security grading: an officer sees only what their clearance allows, whichever post's inbox it is in.
            var page = await store.QueryAsync(query with { Holder = post, PendingOnly = true, MaxGrading = ceiling }, cancellationToken).ConfigureAwait(false);
            merged.AddRange(page.Items);
            postHasMore |= page.ContinuationToken is not null;
        }

        // Each post's page starts after the same keyset position, so merging and cutting at the limit keeps one global order.
        var items = merged
            .OrderBy(h => h.UpdatedAt.ToUnixTimeMilliseconds())
            .ThenBy(h => h.Id.ToString(), StringComparer.Ordinal)
            .ToList();
        var more = items.Count > query.Limit || postHasMore;
        items = items.Take(query.Limit).ToList();
        return new Page<DocumentHead>(items, more ? PageToken.After(items[^1]) : null);
    }

    /// <summary>Lists documents for an officer — pending ones (<see cref="DocumentQuery.PendingOnly"/>), a search (<see cref="DocumentQuery.Text"/>), files past their time limit, a service's files — leaving out, in the store query, whatever is graded above the officer's clearance, so pages stay full.</summary>
    /// <param name="viewer">The officer asking; their clearance caps <see cref="DocumentQuery.MaxGrading"/>.</param>
    /// <param name="query">The filters, page size and continuation token.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<Page<DocumentHead>> QueryAsync(OfficerId viewer, DocumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await store.QueryAsync(query with { MaxGrading = CeilingFor(viewer, query) }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists what a file holds — its notings, drafts for approval, receipts put up in it, parts and volumes — for an officer cleared for the file, leaving out anything graded above their clearance.</summary>
    /// <param name="viewer">The officer asking.</param>
    /// <param name="file">The file.</param>
    /// <param name="query">Further filters (kind, state), the page size and the continuation token; <see cref="DocumentQuery.Parent"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="DocumentNotFoundException">The file does not exist.</exception>
    /// <exception cref="InsufficientClearanceException">The file is graded above the officer's clearance.</exception>
    public async Task<Page<DocumentHead>> FileDocumentsAsync(OfficerId viewer, DocumentId file, DocumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await GetAsync(file, viewer, cancellationToken).ConfigureAwait(false);
        return await store.QueryAsync(query with { Parent = file, MaxGrading = CeilingFor(viewer, query) }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns a document's current head to an officer cleared for its grading (or who created it).</summary>
    /// <exception cref="DocumentNotFoundException">The document does not exist.</exception>
    /// <exception cref="InsufficientClearanceException">The document is graded above the officer's clearance.</exception>
    public async ValueTask<DocumentHead> GetAsync(DocumentId id, OfficerId viewer, CancellationToken cancellationToken = default)
    {
        var head = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        CheckActorClearance(head, viewer);
        return head;
    }

    /// <summary>Streams a document's movement history — its signed records in order — to an officer cleared for its grading (or who created it).</summary>
    /// <exception cref="DocumentNotFoundException">The document does not exist (thrown when enumeration starts).</exception>
    /// <exception cref="InsufficientClearanceException">The document is graded above the officer's clearance (thrown when enumeration starts, before any record).</exception>
    public async IAsyncEnumerable<SignedRecord> HistoryAsync(DocumentId id, OfficerId viewer, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await GetAsync(id, viewer, cancellationToken).ConfigureAwait(false);
        await foreach (var record in store.ReadStreamAsync(id, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    /// <summary>Returns the periods a file spent parked, from its signed records, to an officer cleared for its grading (or who created it).</summary>
    /// <exception cref="DocumentNotFoundException">The file does not exist.</exception>
    /// <exception cref="InsufficientClearanceException">The file is graded above the officer's clearance.</exception>
    public async Task<IReadOnlyList<ParkPeriod>> ParkHistoryAsync(DocumentId file, OfficerId viewer, CancellationToken cancellationToken = default)
    {
        await GetAsync(file, viewer, cancellationToken).ConfigureAwait(false);
        return await ParkHistoryUncheckedAsync(file, cancellationToken).ConfigureAwait(false);
    }

    private SecurityGrading CeilingFor(OfficerId viewer, DocumentQuery query)
    {
        var clearance = organisation.GetOfficer(viewer).Clearance;
        return query.MaxGrading is { } asked && asked < clearance ? asked : clearance;
    }
}
