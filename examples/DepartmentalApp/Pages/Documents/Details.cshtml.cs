using System.Globalization;
using FileFlow;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DepartmentalApp.Pages.Documents;

/// <summary>A document as its viewer may see it: every read through the engine's clearance-checked calls, the actions offered only those
/// <see cref="FileFlowEngine.PermittedTriggersAsync(DocumentId, OfficerId, CancellationToken)"/> grants the signed-in officer.</summary>
public sealed class DetailsModel(Desk desk, DepartmentalOffice office, DataDirectory data, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public DocumentHead? Head { get; private set; }

    public IReadOnlyList<(TransitionRecord Record, SignatureCheck Check)> History { get; private set; } = [];

    public IReadOnlyList<(DocumentHead Head, IReadOnlyList<NotingParagraph> Paragraphs)> Notings { get; private set; } = [];

    public IReadOnlyList<DocumentHead> Receipts { get; private set; } = [];

    public IReadOnlyList<DocumentTrigger> Permitted { get; private set; } = [];

    public TransitionRecord? Decision { get; private set; }

    public (string Sha256, long Bytes, string Name)? Scan { get; private set; }

    public bool CanNote { get; private set; }

    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var viewer = Desk.Officer(User);
        var documentId = new DocumentId(id);
        try
        {
            var head = await desk.Engine.GetAsync(documentId, viewer, cancellationToken);
            Head = await MarkOpenedAsync(head, viewer, cancellationToken);
        }
        catch (DocumentNotFoundException)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            Refused = localizer["No such document."];
            return Page();
        }
        catch (InsufficientClearanceException)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            Refused = localizer["You are not cleared for this document."];
            return Page();
        }

        var history = new List<(TransitionRecord, SignatureCheck)>();
        await foreach (var signed in desk.Engine.HistoryAsync(documentId, viewer, cancellationToken))
        {
            history.Add((signed.Record, office.Verifier.Verify(signed.Record, signed.CanonicalBytes.Span, signed.Signature)));
        }

        History = history;
        Decision = history.Select(h => h.Item1).LastOrDefault(r => r.Trigger is DocumentTrigger.Approve or DocumentTrigger.Reject or DocumentTrigger.ReturnToApplicant
            or DocumentTrigger.AllowAppeal or DocumentTrigger.DismissAppeal);
        if (history.FirstOrDefault().Item1 is { } created && created.Attribute(DepartmentalApp.Pages.Receipts.NewModel.ScanHashAttribute) is { } sha)
        {
            Scan = (sha, long.Parse(created.Attribute(DepartmentalApp.Pages.Receipts.NewModel.ScanBytesAttribute) ?? "0", CultureInfo.InvariantCulture), created.Attribute(DepartmentalApp.Pages.Receipts.NewModel.ScanNameAttribute) ?? "letter.pdf");
        }

        Permitted = (await desk.Engine.PermittedTriggersAsync(documentId, viewer, cancellationToken)).Where(Desk.Buttons.Contains).ToList();
        if (Head.Kind == DocumentKind.File)
        {
            var notings = new List<(DocumentHead, IReadOnlyList<NotingParagraph>)>();
            var page = await desk.Engine.FileDocumentsAsync(viewer, documentId, new DocumentQuery { Kind = DocumentKind.Noting, Limit = 200 }, cancellationToken);
            foreach (var noting in page.Items.OrderBy(n => n.CreatedAt))
            {
                ReadOnlyMemory<byte>? content = null;
                await foreach (var record in desk.Engine.HistoryAsync(noting.Id, viewer, cancellationToken))
                {
                    if (record.Content is { Length: > 0 } c)
                    {
                        content = c;
                    }
                }

                notings.Add((noting, content is { } text ? NotingContent.Decode(text.Span) : []));
            }

            Notings = notings;
            Receipts = (await desk.Engine.FileDocumentsAsync(viewer, documentId, new DocumentQuery { Kind = DocumentKind.Receipt, Limit = 200 }, cancellationToken)).Items;
            CanNote = desk.Engine.Organisation.CapacityFor(viewer, Head.Holder, desk.Now) != ActingCapacity.None
                && DocumentStates.IsPending(Head.Kind, Head.State) && Head.State is not (DocumentState.Parked or DocumentState.Closed);
        }

        return Page();
    }

    public async Task<IActionResult> OnGetScanAsync(Guid id, CancellationToken cancellationToken)
    {
        var viewer = Desk.Officer(User);
        try
        {
            await foreach (var signed in desk.Engine.HistoryAsync(new DocumentId(id), viewer, cancellationToken))
            {
                if (signed.Record.Attribute(DepartmentalApp.Pages.Receipts.NewModel.ScanHashAttribute) is { } sha)
                {
                    return PhysicalFile(DepartmentalApp.Pages.Receipts.NewModel.ScanPath(data, sha), "application/pdf", signed.Record.Attribute(DepartmentalApp.Pages.Receipts.NewModel.ScanNameAttribute) ?? "letter.pdf");
                }
            }

            return NotFound();
        }
        catch (InsufficientClearanceException)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
    }

    public async Task<IActionResult> OnPostNotingAsync(Guid id, string text, Guid actionId, CancellationToken cancellationToken)
    {
        var paragraphs = (text ?? "").Replace("\r", "", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return await Run(id, () => desk.Engine.WriteNotingAsync(Desk.Officer(User), new DocumentId(id), NotingContent.Number(paragraphs), actionId, cancellationToken));
    }

    public async Task<IActionResult> OnPostActAsync(Guid id, string trigger, string? recipient, string? reason, Guid actionId, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<DocumentTrigger>(trigger, out var t) || !Desk.Buttons.Contains(t))
        {
            return BadRequest();
        }

        return await Run(id, () => desk.Engine.FireAsync(new DocumentAction(new DocumentId(id), t, Desk.Officer(User))
        {
            ActionId = actionId == Guid.Empty ? Guid.NewGuid() : actionId,
            Recipient = string.IsNullOrWhiteSpace(recipient) ? null : new PostId(recipient),
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        }, cancellationToken));
    }

    private async Task<IActionResult> Run(Guid id, Func<Task<FileFlow.Engine.ActionResult>> action)
    {
        try
        {
            await action();
            TempData["Done"] = localizer["Done."].Value;
        }
        catch (Exception e) when (e is FileFlowException or ArgumentException)
        {
            TempData["Error"] = e.Message;
        }

        return RedirectToPage("/Documents/Details", new { id });
    }

    // Opening the page of a document that arrived in the officer's inbox marks it opened, as eOffice does: the sender can no longer pull it back.
    private async Task<DocumentHead> MarkOpenedAsync(DocumentHead head, OfficerId viewer, CancellationToken cancellationToken)
    {
        if (desk.Engine.Organisation.CapacityFor(viewer, head.Holder, desk.Now) == ActingCapacity.None)
        {
            return head;   // someone else's document (a superior looking in): viewing it is not opening it
        }

        try
        {
            return (await desk.Engine.MarkOpenedAsync(head.Id, viewer, cancellationToken))?.Head ?? head;
        }
        catch (FileFlowException)
        {
            return head;   // not openable by this officer now (a physical paper not yet received): the page still shows
        }
    }
}
