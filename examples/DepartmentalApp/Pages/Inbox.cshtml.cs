using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DepartmentalApp.Pages;

/// <summary>The officer's inbox through the engine's clearance-checked <see cref="FileFlowEngine.InboxAsync"/>: sender, received on, due date and status, with search and paging.</summary>
public sealed class InboxModel(FileFlowEngine engine) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public OfficerId Officer { get; private set; }

    public IReadOnlyList<DocumentHead> Items { get; private set; } = [];

    public string? Next { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Officer = Desk.Officer(User);
        var page = await engine.InboxAsync(Officer, new DocumentQuery
        {
            Text = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
            After = string.IsNullOrWhiteSpace(After) ? null : After,
            Limit = PageSize,
        }, cancellationToken);
        Items = page.Items.Where(h => h.Kind != FileFlow.Documents.DocumentKind.Noting).ToList();
        Next = page.ContinuationToken;
    }
}
