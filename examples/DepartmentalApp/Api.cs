using FileFlow;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Pkcs11;
using FileFlow.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace DepartmentalApp;

/// <summary>The JSON API for other departmental systems: the same sign-in (Identity and the token PIN), the same engine calls with the same
/// viewer and authority checks as the pages; acting is idempotent by the caller's action id.</summary>
public static class Api
{
    /// <summary>Answers an API request that is not signed in (or not allowed) with the status code, and a page request with the redirect.</summary>
    public static Task Refuse(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>Maps the endpoints under <c>/api</c>.</summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/session", SignInAsync).AllowAnonymous().WithSummary("Sign in with officer id, password and token PIN; sets the session cookie.");
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("desk");
        api.MapGet("/inbox", InboxAsync).WithSummary("The signed-in officer's inbox, cut to their clearance; paged by a continuation token.");
        api.MapGet("/documents/{id:guid}", DocumentAsync).WithSummary("A document's head, if the officer is cleared for it.");
        api.MapGet("/documents/{id:guid}/history", HistoryAsync).WithSummary("A document's signed records, each signature checked.");
        api.MapGet("/documents/{id:guid}/actions", PermittedAsync).WithSummary("The actions the signed-in officer may take on the document now.");
        api.MapPost("/documents/{id:guid}/actions", ActAsync).WithSummary("Takes an action; a retried request with the same actionId applies once.");
    }

    /// <summary>An inbox row.</summary>
    public sealed record InboxItem(Guid Id, string Kind, string? Reference, string? Subject, string State, string? Sender, DateTimeOffset ReceivedOn, DateTimeOffset? Due, string? Service);

    /// <summary>A document's head as the API shows it.</summary>
    public sealed record DocumentView(Guid Id, string Kind, string? Reference, string? Subject, string State, string Holder, string? Sender, string Grading,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? Due, string? Service, string? Authority, Guid? Parent)
    {
        /// <summary>Maps a head.</summary>
        public static DocumentView Of(DocumentHead h) => new(h.Id.Value, h.Kind.ToString(), h.Reference, h.Subject, h.State.ToString(), h.Holder.Value, h.SentBy?.Value,
            h.Grading.ToString(), h.CreatedAt, h.UpdatedAt, h.DueAt, h.ServiceId, h.Authority, h.Parent?.Value);
    }

    /// <summary>A page of a list: the items, how many are on this page and the token for the next page (null on the last).</summary>
    public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total, string? Next);

    /// <summary>One signed record and its signature's check.</summary>
    public sealed record HistoryItem(long Sequence, DateTimeOffset At, string Action, string From, string To, string Actor, string ActingAs, string Holder, string? Remarks, bool SignatureValid, string? SignatureProblem);

    /// <summary>A request to act on a document.</summary>
    public sealed record ActRequest(Guid ActionId, string Trigger, string? Recipient, string? Reason);

    /// <summary>What an action did.</summary>
    public sealed record ActResult(Guid ActionId, long Sequence, string State, string Holder);

    /// <summary>A sign-in request.</summary>
    public sealed record SignInRequest(string Officer, string Password, string Pin);

    private static async Task<IResult> SignInAsync(SignInRequest request, SignInManager<DeskUser> signIn, OfficerTokens tokens)
    {
        var user = await signIn.UserManager.FindByIdAsync(request.Officer);
        if (user is null || !(await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true)).Succeeded)
        {
            return Results.Problem("Unknown officer or wrong password.", statusCode: StatusCodes.Status401Unauthorized);
        }

        try
        {
            tokens.Unlock(new OfficerId(user.Id), user.TokenLabel, request.Pin);
        }
        catch (Exception e) when (e is TokenException or InvalidOperationException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status401Unauthorized);
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return Results.NoContent();
    }

    private static async Task<IResult> InboxAsync(HttpContext context, FileFlowEngine engine, string? q, string? after, int? limit, CancellationToken cancellationToken)
    {
        var officer = Desk.Officer(context.User);
        var page = await engine.InboxAsync(officer, new DocumentQuery { Text = q, After = after, Limit = Math.Clamp(limit ?? 20, 1, 200) }, cancellationToken);
        var items = page.Items.Select(h => new InboxItem(h.Id.Value, h.Kind.ToString(), h.Reference, h.Subject, h.State.ToString(), h.SentBy?.Value, h.UpdatedAt, h.DueAt, h.ServiceId)).ToList();
        return Results.Ok(new ListPage<InboxItem>(items, items.Count, page.ContinuationToken));
    }

    private static Task<IResult> DocumentAsync(HttpContext context, FileFlowEngine engine, Guid id, CancellationToken cancellationToken) =>
        Guarded(async () => Results.Ok(DocumentView.Of(await engine.GetAsync(new DocumentId(id), Desk.Officer(context.User), cancellationToken))));

    private static Task<IResult> HistoryAsync(HttpContext context, FileFlowEngine engine, DepartmentalOffice office, Guid id, CancellationToken cancellationToken) =>
        Guarded(async () =>
        {
            var items = new List<HistoryItem>();
            await foreach (var signed in engine.HistoryAsync(new DocumentId(id), Desk.Officer(context.User), cancellationToken))
            {
                var r = signed.Record;
                var check = office.Verifier.Verify(r, signed.CanonicalBytes.Span, signed.Signature);
                items.Add(new HistoryItem(r.Sequence, r.OccurredAt, r.Trigger.ToString(), r.From.ToString(), r.To.ToString(), r.Actor.Value, r.ActingAs.Value, r.Holder.Value,
                    r.Attribute(RecordAttributes.Reason), check.IsValid, check.IsValid ? null : $"{check.Failure}: {check.Reason}"));
            }

            return Results.Ok(new ListPage<HistoryItem>(items, items.Count, null));
        });

    private static Task<IResult> PermittedAsync(HttpContext context, FileFlowEngine engine, Guid id, CancellationToken cancellationToken) =>
        Guarded(async () =>
        {
            var officer = Desk.Officer(context.User);
            await engine.GetAsync(new DocumentId(id), officer, cancellationToken);
            var permitted = await engine.PermittedTriggersAsync(new DocumentId(id), officer, cancellationToken);
            var items = permitted.Where(Desk.Buttons.Contains).Select(t => t.ToString()).ToList();
            return Results.Ok(new ListPage<string>(items, items.Count, null));
        });

    private static Task<IResult> ActAsync(HttpContext context, FileFlowEngine engine, Guid id, ActRequest request, CancellationToken cancellationToken) =>
        Guarded(async () =>
        {
            if (request.ActionId == Guid.Empty)
            {
                return Results.Problem("actionId is required: a retried request carries the same actionId and applies once.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (!Enum.TryParse<DocumentTrigger>(request.Trigger, ignoreCase: false, out var trigger) || !Desk.Buttons.Contains(trigger))
            {
                return Results.Problem($"Unknown action '{request.Trigger}'.", statusCode: StatusCodes.Status400BadRequest);
            }

            var result = await engine.FireAsync(new DocumentAction(new DocumentId(id), trigger, Desk.Officer(context.User))
            {
                ActionId = request.ActionId,
                Recipient = string.IsNullOrWhiteSpace(request.Recipient) ? null : new PostId(request.Recipient),
                Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason,
            }, cancellationToken);
            return Results.Ok(new ActResult(request.ActionId, result.Record.Sequence, result.Head.State.ToString(), result.Head.Holder.Value));
        });

    private static async Task<IResult> Guarded(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (DocumentNotFoundException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (Exception e) when (e is InsufficientClearanceException or NotCurrentHolderException or PullBackRefusedException or CloseNotPermittedException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (Exception e) when (e is FileFlowException or ArgumentException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }
}
