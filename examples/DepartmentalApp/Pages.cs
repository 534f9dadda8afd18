using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using FileFlow;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.Storage;
using FileFlow.Time;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace DepartmentalApp;

/// <summary>The desk's pages: plain server-rendered HTML, one handler per page or form.</summary>
public static class Pages
{
    private static readonly CultureInfo India = CultureInfo.GetCultureInfo("en-IN");

    private static readonly DocumentTrigger[] Movements =
    [
        DocumentTrigger.Forward, DocumentTrigger.Return, DocumentTrigger.Recall, DocumentTrigger.Approve, DocumentTrigger.Reject,
        DocumentTrigger.Close, DocumentTrigger.Park, DocumentTrigger.Reopen, DocumentTrigger.ReturnToApplicant, DocumentTrigger.Resubmit,
    ];

    public static IResult Login(HttpContext context, string? error)
    {
        var body = new StringBuilder();
        body.Append("<h1>Sign in</h1>");
        if (error is not null)
        {
            body.Append("<p class=\"error\">Unknown officer or wrong password.</p>");
        }

        body.Append("<form method=\"post\" action=\"/login\">").Append(Token(context))
            .Append("<label>Officer <select name=\"officer\" id=\"officer\">");
        foreach (var (officer, name, _, designation, _) in DepartmentalOffice.Staff)
        {
            body.Append(CultureInfo.InvariantCulture, $"<option value=\"{H(officer.Value)}\">{H(name)}, {H(designation)}</option>");
        }

        body.Append("</select></label> <label>Password <input type=\"password\" name=\"password\" id=\"password\"></label> ")
            .Append("<button type=\"submit\" id=\"sign-in\">Sign in</button></form>")
            .Append("<p class=\"hint\">Development desk: every officer's password is the configured demo password (<code>fileflow</code> by default).</p>");
        return Page(context, "Sign in", body.ToString());
    }

    public static async Task<IResult> InboxAsync(HttpContext context, FileFlowEngine engine, string? error, CancellationToken cancellationToken)
    {
        var officer = Officer(context);
        var inbox = await engine.InboxAsync(officer, new DocumentQuery { Limit = 200 }, cancellationToken);
        var now = TimeProvider.System.GetUtcNow();
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>Inbox of {H(context.User.Identity?.Name ?? officer.Value)}</h1>").Append(Error(error));
        body.Append("<table id=\"inbox\"><thead><tr><th>Kind</th><th>Number</th><th>Subject</th><th>State</th><th>With since</th><th>Service</th><th>Time limit</th></tr></thead><tbody>");
        foreach (var head in inbox.Items.Where(h => h.Kind != DocumentKind.Noting))
        {
            body.Append(CultureInfo.InvariantCulture, $"<tr><td>{head.Kind}</td><td>{H(head.Reference ?? "")}</td><td><a class=\"open\" href=\"/documents/{head.Id}\">{H(head.Subject ?? head.Id.ToString())}</a></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{head.State}</td><td>{Time(head.UpdatedAt)}</td><td>{H(ServiceLabel(engine, head))}</td><td>{TimeLimit(engine, head, now)}</td></tr>");
        }

        body.Append("</tbody></table>");
        if (inbox.Items.Count == 0)
        {
            body.Append("<p>Nothing pending.</p>");
        }

        body.Append("<section><h2>Diarise a receipt</h2><form method=\"post\" action=\"/receipts\" id=\"diarise\">").Append(Token(context))
            .Append("<label>Subject <input name=\"subject\" id=\"receipt-subject\" size=\"60\" required></label> ")
            .Append("<label>Received from <input name=\"receivedFrom\" id=\"receipt-from\" required></label> ")
            .Append(CultureInfo.InvariantCulture, $"<label>Letter date <input name=\"letterDate\" id=\"receipt-date\" placeholder=\"yyyy-mm-dd\" value=\"{now:yyyy-MM-dd}\"></label> ")
            .Append("<label>Medium <select name=\"medium\"><option>Electronic</option><option>Physical</option></select></label> ")
            .Append("<button type=\"submit\" id=\"diarise-submit\">Diarise</button></form></section>");

        body.Append("<section><h2>Open a file for a service</h2><form method=\"get\" action=\"/files/new\" id=\"open-file\"><label>Service <select name=\"service\" id=\"service\">");
        foreach (var service in engine.Services?.Services ?? [])
        {
            body.Append(CultureInfo.InvariantCulture, $"<option value=\"{H(service.Id)}\">{H(service.NameHindi)} — {H(service.NameEnglish)} ({service.TimeLimit.Days} days)</option>");
        }

        body.Append("</select></label> <label>Application <select name=\"receipt\" id=\"application\"><option value=\"\">(none)</option>");
        foreach (var receipt in inbox.Items.Where(h => h.Kind == DocumentKind.Receipt && h.State == DocumentState.Draft))
        {
            body.Append(CultureInfo.InvariantCulture, $"<option value=\"{receipt.Id}\">{H(receipt.Reference ?? "")} {H(receipt.Subject ?? "")}</option>");
        }

        body.Append("</select></label> <button type=\"submit\" id=\"open-file-next\">Next</button></form></section>");
        return Page(context, "Inbox", body.ToString());
    }

    public static async Task<IResult> DiariseAsync(HttpContext context, FileFlowEngine engine, [FromForm] string subject, [FromForm] string receivedFrom, [FromForm] string? letterDate, [FromForm] string? medium, CancellationToken cancellationToken)
    {
        var officer = Officer(context);
        try
        {
            var date = DateOnly.TryParseExact(letterDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var kind = Enum.TryParse<ReceiptMedium>(medium, out var m) ? m : ReceiptMedium.Electronic;
            var receipt = await engine.DiariseReceiptAsync(officer, PostOf(engine, officer), new NewReceipt("EST", receivedFrom, date, subject, kind), cancellationToken: cancellationToken);
            return Results.Redirect($"/inbox?diarised={receipt.Head.Id}");
        }
        catch (Exception e) when (e is FileFlowException or ArgumentException)
        {
            return Results.Redirect("/inbox?error=" + Uri.EscapeDataString(e.Message));
        }
    }

    public static async Task<IResult> NewFileAsync(HttpContext context, FileFlowEngine engine, string service, string? receipt, CancellationToken cancellationToken)
    {
        if (engine.Services is not { } catalog || !catalog.Contains(service))
        {
            return Results.Redirect("/inbox?error=" + Uri.EscapeDataString($"Unknown service '{service}'."));
        }

        var definition = catalog.Get(service);
        var subject = definition.NameEnglish;
        if (Guid.TryParse(receipt, out var receiptId))
        {
            subject = (await engine.GetAsync(new DocumentId(receiptId), Officer(context), cancellationToken)).Subject ?? subject;
        }

        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>Open a file: {H(definition.NameHindi)} — {H(definition.NameEnglish)}</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p>Time limit {definition.TimeLimit.Days} {(definition.TimeLimit.WorkingDays ? "working" : "calendar")} days; route {H(string.Join(" → ", definition.Route.Steps))}.</p>")
            .Append("<form method=\"post\" action=\"/files\" id=\"new-file\">").Append(Token(context))
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"service\" value=\"{H(service)}\"><input type=\"hidden\" name=\"receipt\" value=\"{H(receipt ?? "")}\">")
            .Append(CultureInfo.InvariantCulture, $"<p><label>Subject <input name=\"subject\" id=\"file-subject\" size=\"70\" value=\"{H(subject)}\" required></label></p>");
        foreach (var input in definition.Inputs)
        {
            var hint = input.Kind.ToString().ToLowerInvariant() + (input.Unit is { } unit ? ", " + unit : "") + (input.Values.IsDefaultOrEmpty ? "" : ": " + string.Join(" / ", input.Values));
            body.Append(CultureInfo.InvariantCulture, $"<p><label>{H(input.Name)} <input name=\"input_{H(input.Name)}\" id=\"input-{H(input.Name)}\" placeholder=\"{H(hint)}\"{(input.Required ? " required" : "")}></label></p>");
        }

        body.Append("<button type=\"submit\" id=\"new-file-submit\">Open the file</button></form>");
        return Page(context, "Open a file", body.ToString());
    }

    public static async Task<IResult> OpenFileAsync(HttpContext context, FileFlowEngine engine, [FromForm] string service, [FromForm] string subject, [FromForm] string? receipt, IFormCollection form, CancellationToken cancellationToken)
    {
        var officer = Officer(context);
        try
        {
            var inputs = form.Where(f => f.Key.StartsWith("input_", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(f.Value))
                .ToDictionary(f => f.Key["input_".Length..], f => f.Value.ToString().Trim(), StringComparer.Ordinal);
            DocumentId? application = Guid.TryParse(receipt, out var r) ? new DocumentId(r) : null;
            var file = await engine.OpenFileAsync(officer, PostOf(engine, officer), new NewFile("HEALTH", "EST", SubjectHead(service), subject)
            {
                ServiceId = service,
                Inputs = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, inputs),
                Application = application,
            }, cancellationToken: cancellationToken);
            if (application is { } attach)
            {
                await engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.AttachReceipt, officer) { Receipt = attach }, cancellationToken);
            }

            return Results.Redirect($"/documents/{file.Head.Id}");
        }
        catch (Exception e) when (e is FileFlowException or ArgumentException)
        {
            return Results.Redirect("/inbox?error=" + Uri.EscapeDataString(e.Message));
        }
    }

    public static async Task<IResult> DocumentAsync(HttpContext context, FileFlowEngine engine, DepartmentalOffice office, Guid id, string? error, CancellationToken cancellationToken)
    {
        var documentId = new DocumentId(id);
        var viewer = Officer(context);
        DocumentHead head;
        try
        {
            head = await engine.GetAsync(documentId, viewer, cancellationToken);
        }
        catch (DocumentNotFoundException)
        {
            return Results.NotFound();
        }
        catch (InsufficientClearanceException)
        {
            return Results.Forbid();
        }

        var now = TimeProvider.System.GetUtcNow();
        var chart = engine.Organisation;
        head = await MarkOpenedAsync(engine, head, Officer(context), now, cancellationToken);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>{head.Kind} {H(head.Reference ?? "")}: {H(head.Subject ?? "")}</h1>").Append(Error(error))
            .Append("<dl>")
            .Append(CultureInfo.InvariantCulture, $"<dt>State</dt><dd id=\"state\">{head.State}</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>With</dt><dd id=\"holder\">{H(PostName(chart, head.Holder))}</dd>");
        if (head.ServiceId is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<dt>Service</dt><dd>{H(ServiceLabel(engine, head))}</dd>")
                .Append(CultureInfo.InvariantCulture, $"<dt>Competent authority</dt><dd>{H(head.Authority ?? "")}</dd>")
                .Append(CultureInfo.InvariantCulture, $"<dt>Due</dt><dd>{(head.DueAt is { } due ? Time(due) : "")}</dd>")
                .Append(CultureInfo.InvariantCulture, $"<dt>Time limit</dt><dd id=\"time-limit\">{TimeLimit(engine, head, now)}</dd>");
        }

        if (head.Parent is { } parent)
        {
            body.Append(CultureInfo.InvariantCulture, $"<dt>In file</dt><dd><a href=\"/documents/{parent}\">{parent}</a></dd>");
        }

        body.Append("</dl>");
        if (head.Kind == DocumentKind.File)
        {
            await AppendNotingsAsync(body, engine, viewer, head, cancellationToken);
            var receipts = await engine.Store.QueryAsync(new DocumentQuery { Parent = head.Id, Kind = DocumentKind.Receipt, Limit = 200 }, cancellationToken);
            body.Append("<h2>Correspondence (receipts)</h2><ul id=\"receipts\">");
            foreach (var receipt in receipts.Items)
            {
                body.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/documents/{receipt.Id}\">{H(receipt.Reference ?? "")}</a> {H(receipt.Subject ?? "")} ({receipt.State})</li>");
            }

            body.Append("</ul>");
            if (DocumentStates.IsPending(head.Kind, head.State) && head.State is not (DocumentState.Parked or DocumentState.Closed))
            {
                body.Append("<section><h2>Add a noting</h2><form method=\"post\" id=\"noting\" action=\"/documents/").Append(head.Id).Append("/notings\">").Append(Token(context))
                    .Append("<textarea name=\"text\" id=\"noting-text\" rows=\"5\" cols=\"90\" placeholder=\"Paragraphs separated by a blank line\" required></textarea><br>")
                    .Append("<button type=\"submit\" id=\"noting-submit\">Add noting</button></form></section>");
            }
        }

        var permitted = (await engine.PermittedTriggersAsync(head.Id, cancellationToken)).Where(t => Movements.Contains(t)).ToList();
        if (permitted.Count > 0)
        {
            body.Append("<section><h2>Move or decide</h2><form method=\"post\" id=\"act\" action=\"/documents/").Append(head.Id).Append("/actions\">").Append(Token(context))
                .Append("<label>To <select name=\"recipient\" id=\"recipient\"><option value=\"\">(next on the route / the sender)</option>");
            foreach (var post in chart.Posts.OrderBy(p => p.Level))
            {
                body.Append(CultureInfo.InvariantCulture, $"<option value=\"{H(post.Id.Value)}\">{H(post.Designation)} ({H(post.Id.Value)})</option>");
            }

            body.Append("</select></label> <label>Reason / remarks <input name=\"reason\" id=\"reason\" size=\"50\"></label><p>");
            foreach (var trigger in permitted)
            {
                body.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\" name=\"trigger\" value=\"{trigger}\" id=\"do-{trigger.ToString().ToLowerInvariant()}\">{trigger}</button> ");
            }

            body.Append("</p></form></section>");
        }

        await AppendHistoryAsync(body, engine, office, viewer, head, cancellationToken);
        return Page(context, head.Subject ?? head.Kind.ToString(), body.ToString());
    }

    public static async Task<IResult> WriteNotingAsync(HttpContext context, FileFlowEngine engine, Guid id, [FromForm] string text, CancellationToken cancellationToken)
    {
        try
        {
            var paragraphs = text.Replace("\r", "", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            await engine.WriteNotingAsync(Officer(context), new DocumentId(id), NotingContent.Number(paragraphs), cancellationToken: cancellationToken);
            return Results.Redirect($"/documents/{new DocumentId(id)}");
        }
        catch (Exception e) when (e is FileFlowException or ArgumentException)
        {
            return Results.Redirect($"/documents/{new DocumentId(id)}?error=" + Uri.EscapeDataString(e.Message));
        }
    }

    public static async Task<IResult> ActAsync(HttpContext context, FileFlowEngine engine, Guid id, [FromForm] string trigger, [FromForm] string? recipient, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        try
        {
            if (!Enum.TryParse<DocumentTrigger>(trigger, out var t) || !Movements.Contains(t))
            {
                return Results.BadRequest("Unknown action.");
            }

            var result = await engine.FireAsync(new DocumentAction(new DocumentId(id), t, Officer(context))
            {
                Recipient = string.IsNullOrWhiteSpace(recipient) ? null : new PostId(recipient),
                Reason = string.IsNullOrWhiteSpace(reason) ? null : reason,
            }, cancellationToken);
            return Results.Redirect($"/documents/{new DocumentId(id)}?done={result.Record.Sequence}");
        }
        catch (Exception e) when (e is FileFlowException or ArgumentException)
        {
            return Results.Redirect($"/documents/{new DocumentId(id)}?error=" + Uri.EscapeDataString(e.Message));
        }
    }

    private static async Task AppendNotingsAsync(StringBuilder body, FileFlowEngine engine, OfficerId viewer, DocumentHead file, CancellationToken cancellationToken)
    {
        var notings = await engine.FileDocumentsAsync(viewer, file.Id, new DocumentQuery { Kind = DocumentKind.Noting, Limit = 500 }, cancellationToken);
        body.Append("<h2>Notings</h2><ol id=\"notings\">");
        foreach (var noting in notings.Items.OrderBy(n => n.CreatedAt))
        {
            ReadOnlyMemory<byte>? content = null;
            await foreach (var record in engine.HistoryAsync(noting.Id, viewer, cancellationToken))
            {
                if (record.Content is { Length: > 0 } c)
                {
                    content = c;
                }
            }

            var paragraphs = content is { } text ? NotingContent.Decode(text.Span) : [];
            body.Append(CultureInfo.InvariantCulture, $"<li class=\"noting\"><p class=\"meta\">{H(noting.Creator.Value)} ({H(noting.CreatedBy.Value)}), {Time(noting.CreatedAt)} — <a href=\"/documents/{noting.Id}\">{noting.State}</a></p>");
            foreach (var paragraph in paragraphs)
            {
                body.Append(CultureInfo.InvariantCulture, $"<p>{paragraph.Number}. {H(paragraph.Text)}</p>");
            }

            body.Append("</li>");
        }

        body.Append("</ol>");
    }

    private static async Task AppendHistoryAsync(
        StringBuilder body, FileFlowEngine engine, DepartmentalOffice office, OfficerId viewer, DocumentHead head, CancellationToken cancellationToken)
    {
        body.Append("<h2>Movement history</h2><table id=\"history\"><thead><tr><th>#</th><th>When</th><th>Action</th><th>State</th><th>By</th><th>As</th><th>To</th><th>Signature</th></tr></thead><tbody>");
        await foreach (var signed in engine.HistoryAsync(head.Id, viewer, cancellationToken))
        {
            var r = signed.Record;
            var check = office.Verifier.Verify(r, signed.CanonicalBytes.Span, signed.Signature);
            var signature = check.IsValid
                ? "<span class=\"sig-ok\">✔ verified</span>"
                : $"<span class=\"sig-bad\">✘ {H(check.Failure.ToString())}: {H(check.Reason)}</span>";
            body.Append(CultureInfo.InvariantCulture, $"<tr class=\"record\"><td>{r.Sequence}</td><td>{Time(r.OccurredAt)}</td><td>{r.Trigger}</td><td>{r.From} → {r.To}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{H(r.Actor.Value)}</td><td>{H(r.ActingAs.Value)}{(r.Capacity == ActingCapacity.Holder ? "" : " (" + r.Capacity + ")")}</td><td>{H(r.Holder.Value)}</td><td>{signature}</td></tr>");
        }

        body.Append("</tbody></table>");
    }

    // Opening the page of a document that arrived in the officer's inbox marks it opened, as eOffice does: the sender can no longer pull it back.
    private static async Task<DocumentHead> MarkOpenedAsync(FileFlowEngine engine, DocumentHead head, OfficerId viewer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (engine.Organisation.CapacityFor(viewer, head.Holder, now) == ActingCapacity.None)
        {
            return head;   // someone else's document (a superior looking in): viewing it is not opening it
        }

        try
        {
            return (await engine.MarkOpenedAsync(head.Id, viewer, cancellationToken))?.Head ?? head;
        }
        catch (FileFlowException)
        {
            return head;   // not openable by this officer now (clearance, a physical paper not yet received): the page still shows
        }
    }

    private static OfficerId Officer(HttpContext context) =>
        new(context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."));

    private static PostId PostOf(FileFlowEngine engine, OfficerId officer) =>
        engine.Organisation.PostsActingFor(officer, TimeProvider.System.GetUtcNow()).Select(p => p.Post).FirstOrDefault();

    private static string SubjectHead(string service) => new(service.Where(char.IsLetter).Take(8).Select(char.ToUpperInvariant).ToArray());

    private static string PostName(OrganisationChart chart, PostId post) => $"{chart.GetPost(post).Designation} ({post})";

    private static string ServiceLabel(FileFlowEngine engine, DocumentHead head)
    {
        if (head.ServiceId is not { } id || engine.Services is not { } catalog || !catalog.Contains(id))
        {
            return head.ServiceId ?? "";
        }

        var service = head.ServiceVersion is { } v ? catalog.Get(id, v) : catalog.Get(id);
        return $"{service.NameHindi} — {service.NameEnglish}";
    }

    private static string TimeLimit(FileFlowEngine engine, DocumentHead head, DateTimeOffset now)
    {
        if (head.ServiceId is not { } id || engine.Services is not { } catalog || !catalog.Contains(id) || head.DueAt is not { } due)
        {
            return "";
        }

        ServiceDefinition service = head.ServiceVersion is { } v ? catalog.Get(id, v) : catalog.Get(id);
        var status = ServiceClock.StatusOf(head, service, now);
        var left = due - now;
        var text = status switch
        {
            TimeLimitStatus.Completed => "completed",
            TimeLimitStatus.Paused => "paused (with the applicant)",
            TimeLimitStatus.Breached => $"breached: overdue by {Span(now - due)}",
            _ => $"{Span(left)} left",
        };
        return $"<span class=\"limit-{status.ToString().ToLowerInvariant()}\">{status}: {H(text)} (due {Time(due)})</span>";
    }

    private static string Span(TimeSpan span) =>
        span < TimeSpan.Zero ? "0 h" : span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h" : $"{(int)span.TotalHours} h {span.Minutes} min";

    private static string Time(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(5.5)).ToString("dd MMM yyyy HH:mm", India) + " IST";

    private static string Error(string? error) => error is null ? "" : $"<p class=\"error\" id=\"error\">{H(error)}</p>";

    private static string H(string text) => HtmlEncoder.Default.Encode(text);

    private static string Token(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{H(tokens.FormFieldName)}\" value=\"{H(tokens.RequestToken ?? "")}\">";
    }

    private static IResult Page(HttpContext context, string title, string body)
    {
        var user = context.User.Identity?.IsAuthenticated == true
            ? $"<nav><a href=\"/inbox\" id=\"nav-inbox\">Inbox</a> · {H(context.User.Identity.Name ?? "")} <form method=\"post\" action=\"/logout\" class=\"inline\">{Token(context)}<button type=\"submit\" id=\"sign-out\">Sign out</button></form></nav>"
            : "";
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{{H(title)}} · FileFlow desk</title>
            <style>
            body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#222}
            table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
            nav{margin-bottom:1rem}form.inline{display:inline}.error{color:#a00;font-weight:600}.sig-ok{color:#060}.sig-bad{color:#a00}
            .limit-breached{color:#a00}.limit-atrisk{color:#a60}.noting .meta{color:#666;font-size:90%}section{margin:1.5rem 0}
            </style></head>
            <body>{{user}}{{body}}</body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
