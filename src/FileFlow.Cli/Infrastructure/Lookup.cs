using FileFlow.Documents;
using FileFlow.Storage;

namespace FileFlow.Cli.Infrastructure;

/// <summary>Finds documents by what people type: a file number (or a document id).</summary>
internal static class Lookup
{
    public static async Task<DocumentHead> FileAsync(IDocumentStore store, string number, CancellationToken ct)
    {
        if (Guid.TryParse(number, out var guid) && await store.GetHeadAsync(new DocumentId(guid), ct).ConfigureAwait(false) is { } byId)
        {
            return byId;
        }

        var page = await store.QueryAsync(new DocumentQuery { Kind = DocumentKind.File, Text = number, Limit = 20 }, ct).ConfigureAwait(false);
        return page.Items.FirstOrDefault(h => string.Equals(h.Reference, number, StringComparison.OrdinalIgnoreCase))
            ?? (page.Items.Count == 1 ? page.Items[0] : null)
            ?? throw new CliException(page.Items.Count == 0 ? $"no file numbered '{number}'" : $"'{number}' matches {page.Items.Count} files; give the whole file number");
    }
}
