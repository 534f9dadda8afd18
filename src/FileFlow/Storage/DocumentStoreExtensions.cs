using System.Runtime.CompilerServices;

namespace FileFlow.Storage;

/// <summary>Conveniences over <see cref="IDocumentStore"/> that every caller would otherwise write again.</summary>
public static class DocumentStoreExtensions
{
    /// <summary>Streams every head a query matches, page by page with continuation tokens, never holding more than one page.</summary>
    public static async IAsyncEnumerable<DocumentHead> QueryAllAsync(this IDocumentStore store, DocumentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        while (true)
        {
            var page = await store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var head in page.Items)
            {
                yield return head;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            query = query with { After = page.ContinuationToken };
        }
    }
}
