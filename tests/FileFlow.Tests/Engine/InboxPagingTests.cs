using FileFlow.Documents;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Engine;

/// <summary>Regression: an inbox over one post with more than a page of documents returned the first page with no continuation token (the merge asked each post for one page, then looked for a page-and-one), so the rest could not be reached.</summary>
public sealed class InboxPagingTests
{
    [Fact]
    public async Task InboxAsync_OnePostWithMoreThanAPage_ContinuesToEveryDocumentOnce()
    {
        var office = TestOffice.Create();
        var opened = new List<DocumentId>();
        for (var i = 0; i < 7; i++)
        {
            var file = await office.OpenFileAsync($"File {i}");
            await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
            opened.Add(file.Id);
        }

        var seen = new List<DocumentId>();
        var query = new DocumentQuery { Kind = DocumentKind.File, Limit = 3 };
        var pages = 0;
        while (true)
        {
            var page = await office.Engine.InboxAsync(TestOffice.Sunita, query);
            pages++;
            seen.AddRange(page.Items.Select(h => h.Id));
            if (page.ContinuationToken is null)
            {
                break;
            }

            query = query with { After = page.ContinuationToken };
        }

        pages.Should().Be(3);
        seen.Should().Equal(opened);
    }
}
