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
        // Only the head's own reference (checked by verification against the signed records) decides, never the store's search key.
        var matching = page.Items.Where(h => h.Reference?.Contains(number, StringComparison.OrdinalIgnoreCase) == true).ToList();
        var exact = matching.Where(h => string.Equals(h.Reference, number, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count > 1)
        {
            // Two instances may number files alike; a file received from another instance keeps its number: never pick one silently.
            throw new CliException($"'{number}' numbers {exact.Count} files (one came from another instance?): give the document id, one of {string.Join(", ", exact.Select(h => h.Id))}");
        }

        return exact.FirstOrDefault()
            ?? (matching.Count == 1 ? matching[0] : null)
            ?? throw new CliException(matching.Count == 0 ? $"no file numbered '{number}'" : $"'{number}' matches {matching.Count} files; give the whole file number");
    }
}
