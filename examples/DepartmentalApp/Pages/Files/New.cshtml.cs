using System.Collections.Immutable;
using FileFlow;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Services;
using FileFlow.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DepartmentalApp.Pages.Files;

/// <summary>Opening a service file, on a diarised application (a receipt in the officer's inbox) or without one.</summary>
public sealed class NewModel(Desk desk) : PageModel
{
    public IReadOnlyList<ServiceDefinition> Services { get; private set; } = [];

    public IReadOnlyList<DocumentHead> Receipts { get; private set; } = [];

    public ServiceDefinition? Service { get; private set; }

    public string? Receipt { get; private set; }

    public string Subject { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? service, string? receipt, CancellationToken cancellationToken)
    {
        var officer = Desk.Officer(User);
        var catalog = desk.Engine.Services;
        if (service is null || catalog is null || !catalog.Contains(service))
        {
            Services = catalog?.Services.ToList() ?? [];
            var inbox = await desk.Engine.InboxAsync(officer, new DocumentQuery { Kind = DocumentKind.Receipt, State = DocumentState.Draft, Limit = 100 }, cancellationToken);
            Receipts = inbox.Items;
            return Page();
        }

        Service = catalog.Get(service);
        Subject = Service.NameEnglish;
        if (Guid.TryParse(receipt, out var receiptId))
        {
            Receipt = receipt;
            Subject = (await desk.Engine.GetAsync(new DocumentId(receiptId), officer, cancellationToken)).Subject ?? Subject;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string service, string subject, string? receipt, string? applicant, Guid actionId, CancellationToken cancellationToken)
    {
        var officer = Desk.Officer(User);
        try
        {
            var inputs = Request.Form.Where(f => f.Key.StartsWith("input_", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(f.Value))
                .ToDictionary(f => f.Key["input_".Length..], f => f.Value.ToString().Trim(), StringComparer.Ordinal);
            DocumentId? application = Guid.TryParse(receipt, out var r) ? new DocumentId(r) : null;
            var file = await desk.Engine.OpenFileAsync(officer, desk.PostOf(officer), new NewFile("HEALTH", "EST", SubjectHead(service), subject)
            {
                ServiceId = service,
                Inputs = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, inputs),
                Application = application,
                Applicant = string.IsNullOrWhiteSpace(applicant) ? null : new FileFlow.Organisation.OfficerId(applicant),
            }, actionId == Guid.Empty ? null : actionId, cancellationToken);
            if (application is { } attach)
            {
                await desk.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.AttachReceipt, officer) { Receipt = attach }, cancellationToken);
            }

            return RedirectToPage("/Documents/Details", new { id = file.Head.Id.Value });
        }
        catch (Exception e) when (e is FileFlowException or ArgumentException)
        {
            TempData["Error"] = e.Message;
            return RedirectToPage("/Files/New", new { service, receipt });
        }
    }

    private static string SubjectHead(string service) => new(service.Where(char.IsLetter).Take(8).Select(char.ToUpperInvariant).ToArray());
}
