using FileFlow.Organisation;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <content>What officers ask every day.</content>
public sealed partial class FileFlowEngine
{
    /// <summary>Lists an officer's inbox now: pending documents held by every post they hold or hold current charge of (a delegation), oldest first, one page at a time; documents graded above the officer's clearance are left out.</summary>
    /// <param name="officer">The officer.</param>
    /// <param name="query">Further filters (kind, state, service), the page size and the continuation token; <see cref="DocumentQuery.Holder"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<Page<DocumentHead>> InboxAsync(OfficerId officer, DocumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var clearance = organisation.GetOfficer(officer).Clearance;
        var posts = organisation.PostsActingFor(officer, Now());
        var merged = new List<DocumentHead>();
        foreach (var (post, _) in posts)
        {
            var page = await store.QueryAsync(query with { Holder = post, PendingOnly = true }, cancellationToken).ConfigureAwait(false);
            // Security grading: an officer sees only what their clearance allows, whichever post's inbox it is in.
            merged.AddRange(page.Items.Where(h => h.Grading <= clearance));
        }

        // Each post's page starts after the same keyset position, so merging and cutting at the limit keeps one global order.
        var items = merged
            .OrderBy(h => h.UpdatedAt.ToUnixTimeMilliseconds())
            .ThenBy(h => h.Id.ToString(), StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        var more = items.Count > query.Limit;
        items = items.Take(query.Limit).ToList();
        return new Page<DocumentHead>(items, more ? PageToken.After(items[^1]) : null);
    }
}
