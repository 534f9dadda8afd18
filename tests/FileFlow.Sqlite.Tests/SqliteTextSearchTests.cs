using FileFlow.Engine;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Sqlite.Tests;

/// <summary>Subject search takes the trigram index for rare texts and a page-order scan for common ones; both must answer alike.</summary>
public sealed class SqliteTextSearchTests : IAsyncLifetime
{
    private readonly TempDatabase database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Common_and_rare_subject_texts_page_exactly_like_the_in_memory_store()
    {
        var scratch = TestOffice.Create();
        var created = new List<ActionResult>();
        for (var i = 0; i < 2100; i++)
        {
            var subject = i % 3 == 0 ? $"अर्जित अवकाश — कर्मचारी {i}, office order" : $"Medical leave of officer {i}";
            created.Add(await scratch.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile(subject)));
            scratch.Tick(1);
        }

        var store = await database.OpenAsync();
        foreach (var chunk in created.Chunk(500))
        {
            await store.AppendAsync([.. chunk.Select(c => new RecordAppend(c.Record, c.Head))]);
        }

        // "leave of officer" is in 1,400 subjects and "अवकाश" in 700 (the index's hits, sorted); "OFFIC" is in all 2,100, more than the
        // index takes (a page-order scan), and so is the two-character "of".
        foreach (var text in new[] { "leave of officer", "MEDICAL leave", "अवकाश", "कर्मचारी 99", "officer 2099", "offic", "of", "no such subject" })
        {
            (await PagesAsync(store, text)).Should().Equal(await PagesAsync(scratch.Store, text), $"the text is '{text}'");
        }

        (await PagesAsync(store, "leave of officer")).Should().HaveCount(1400);
        (await PagesAsync(store, "अवकाश")).Should().HaveCount(700);
        (await PagesAsync(store, "कर्मचारी 99")).Should().HaveCount(5, "99, 990, 993, 996 and 999 are the multiples of three that start so");
        (await PagesAsync(store, "offic")).Should().HaveCount(2100);
    }

    private static async Task<List<Guid>> PagesAsync(IDocumentStore store, string text)
    {
        var ids = new List<Guid>();
        string? after = null;
        do
        {
            var page = await store.QueryAsync(new DocumentQuery { Text = text, Limit = 97, After = after });
            ids.AddRange(page.Items.Select(h => h.Id.Value));
            after = page.ContinuationToken;
        }
        while (after is not null);
        return ids;
    }
}
