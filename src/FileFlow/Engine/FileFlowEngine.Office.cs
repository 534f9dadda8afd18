using System.Collections.Immutable;
using System.Globalization;
using FileFlow.Documents;
using FileFlow.Machines;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <content>The moves officers know from eOffice: opening, yellow notes, drafts for approval, parts and volumes, transfer, copies, park history.</content>
public sealed partial class FileFlowEngine
{
    /// <summary>Records that the officer opened a document that arrived in their inbox; after it the sender can no longer pull it back.</summary>
    /// <returns>The signed opening record, or <see langword="null"/> when there is nothing to record (already opened, or the document was not sent).</returns>
    public async Task<ActionResult?> MarkOpenedAsync(DocumentId id, OfficerId officer, CancellationToken cancellationToken = default)
    {
        var head = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (head.LastTrigger == DocumentTrigger.Open || DocumentMachine.For(head.Kind).TryFire(head.State, DocumentTrigger.Open) is null
            || head.LastActingAs == head.Holder)
        {
            return null;
        }

        return await FireAsync(new DocumentAction(id, DocumentTrigger.Open, officer), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a yellow note on a file: a draft note for correction (by a PA taking dictation, or a junior) that the officer holding the file edits, discards or confirms into a green note.</summary>
    /// <exception cref="NotCurrentHolderException">The author holds no post in the office of the file's holder (nor the file itself).</exception>
    public async Task<ActionResult> WriteYellowNoteAsync(OfficerId author, DocumentId file, IReadOnlyList<NotingParagraph> paragraphs, Guid? actionId = null, CancellationToken cancellationToken = default)
    {
        var content = NotingContent.Encode(paragraphs);
        var id = actionId ?? Guid.NewGuid();
        var request = ActionRequest.InFile("yellow-note", DocumentTrigger.CreateYellow, author, file, null, content);
        if (await FindLandedAsync(actionId, request, cancellationToken).ConfigureAwait(false) is { } landed)
        {
            return landed;
        }

        var head = await LoadFileAsync(file, DocumentTrigger.CreateYellow, cancellationToken).ConfigureAwait(false);
        var now = Now();
        var office = organisation.GetPost(head.Holder).Office;
        var (post, capacity) = organisation.PostsActingFor(author, now).FirstOrDefault(p => organisation.GetPost(p.Post).Office == office);
        capacity = capacity == ActingCapacity.None
            ? throw new NotCurrentHolderException(file, author, head.Holder)
            : authority.AuthoriseCreate(author, post, now, head, yellow: true);

        CheckActorClearance(head, author);
        var attributes = ChildAttributes(head).SetItem(RecordAttributes.Request, request.Fingerprint);
        var draft = new RecordDraft(DocumentKind.Noting, DocumentTrigger.CreateYellow, DocumentState.Yellow, author, post, capacity, head.Holder, id, now, attributes)
        {
            NewId = DocumentId.ForAction(id, "created"),
            Content = content,
        };
        return await CommitOneAsync(draft, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drafts a reply or order inside a file (a draft for approval); officers holding the file edit it (each version signed and kept), the competent authority approves it, then it is issued or dispatched.</summary>
    public async Task<ActionResult> DraftForApprovalAsync(OfficerId actor, DocumentId file, string subject, IReadOnlyList<NotingParagraph> paragraphs, Guid? actionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var content = NotingContent.Encode(paragraphs);
        var id = actionId ?? Guid.NewGuid();
        var request = ActionRequest.InFile("draft", DocumentTrigger.Create, actor, file, subject, content);
        if (await FindLandedAsync(actionId, request, cancellationToken).ConfigureAwait(false) is { } landed)
        {
            return landed;
        }

        var head = await LoadFileAsync(file, DocumentTrigger.Create, cancellationToken).ConfigureAwait(false);
        var now = Now();
        var capacity = authority.AuthoriseCreate(actor, head.Holder, now, head);

        CheckActorClearance(head, actor);
        var attributes = ChildAttributes(head).SetItem(RecordAttributes.Subject, subject).SetItem(RecordAttributes.Request, request.Fingerprint);
        var draft = new RecordDraft(DocumentKind.DraftForApproval, DocumentTrigger.Create, DocumentState.Draft, actor, head.Holder, capacity, head.Holder, id, now, attributes)
        {
            NewId = DocumentId.ForAction(id, "created"),
            Content = content,
        };
        return await CommitOneAsync(draft, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a part file from a file the officer holds (for processing an issue in parallel); it carries the main file's number with <c>/PART-n</c>.</summary>
    public Task<ActionResult> OpenPartAsync(OfficerId actor, DocumentId file, Guid? actionId = null, CancellationToken cancellationToken = default) =>
        OpenChildFileAsync(actor, file, isPart: true, actionId, cancellationToken);

    /// <summary>Opens the next volume of a file the officer holds; it carries the file's number with <c>/VOL-n</c>.</summary>
    public Task<ActionResult> OpenVolumeAsync(OfficerId actor, DocumentId file, Guid? actionId = null, CancellationToken cancellationToken = default) =>
        OpenChildFileAsync(actor, file, isPart: false, actionId, cancellationToken);

    /// <summary>Moves every pending document held by a departing officer's post to another post, in one atomic, signed operation by an administrator.</summary>
    /// <returns>One record per document moved; all share one action id, so the operation is applied once even if retried.</returns>
    /// <exception cref="NotAdministratorException">The officer is not an administrator.</exception>
    public async Task<IReadOnlyList<SignedTransfer>> TransferAsync(OfficerId administrator, PostId from, PostId to, string reason, Guid? actionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        authority.AuthoriseTransfer(administrator);
        organisation.GetPost(from);
        organisation.GetPost(to);
        if (from == to)
        {
            throw new ArgumentException("Transfer needs two different posts.", nameof(to));
        }

        var id = actionId ?? Guid.NewGuid();
        var request = ActionRequest.Transfer(administrator, from, to, reason);
        var existing = await store.FindActionAsync(id, cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            return Difference(existing[0].Record, request) is { } difference
                ? throw new ActionIdReusedException(id, existing[0].DocumentId, difference)
                : existing.Select(r => new SignedTransfer(r.DocumentId, r)).ToList();
        }

        var heads = new List<DocumentHead>();
        var query = new DocumentQuery { Holder = from, PendingOnly = true, Limit = 1000 };
        await foreach (var head in store.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (DocumentMachine.For(head.Kind).TryFire(head.State, DocumentTrigger.Transfer) is not null)
            {
                heads.Add(head);
            }
        }

        var now = Now();
        if (heads.Count > 0)
        {
            authority.CheckRecipient(heads[0].Id, to, now);
        }

        var signer = signers.GetSigner(administrator);
        var attributes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            [RecordAttributes.Reason] = reason,
            [RecordAttributes.TransferredFrom] = from.Value,
            [RecordAttributes.TransferCount] = heads.Count.ToString(CultureInfo.InvariantCulture),
            [RecordAttributes.Request] = request.Fingerprint,
        });
        var batch = new List<RecordAppend>(heads.Count);
        foreach (var head in heads)
        {
            CheckClearance(head, to, DocumentTrigger.Transfer, now);
            var moved = new RecordDraft(head.Kind, DocumentTrigger.Transfer, head.State, administrator, from, ActingCapacity.Administrator, to, id, now, attributes) { Before = head };
            batch.Add(await moved.SignAsync(signer, cancellationToken).ConfigureAwait(false));
        }

        if (batch.Count == 0)
        {
            return [];
        }

        await AppendAsync(batch, id, request, cancellationToken).ConfigureAwait(false);
        return batch.Select(b => new SignedTransfer(b.Record.DocumentId, b.Record)).ToList();
    }

    /// <summary>Returns the periods a file spent parked, from its signed records, without a clearance check, for auditors and the system; officers read with <see cref="ParkHistoryAsync(DocumentId, OfficerId, CancellationToken)"/>.</summary>
    public async Task<IReadOnlyList<ParkPeriod>> ParkHistoryUncheckedAsync(DocumentId file, CancellationToken cancellationToken = default)
    {
        var periods = new List<ParkPeriod>();
        ParkPeriod? open = null;
        await foreach (var stored in store.ReadStreamAsync(file, cancellationToken).ConfigureAwait(false))
        {
            var r = stored.Record;
            if (r.Trigger == DocumentTrigger.Park)
            {
                open = new ParkPeriod(r.OccurredAt, r.Actor, r.Attribute(RecordAttributes.Reason), null, null);
            }
            else if (open is not null && r.From == DocumentState.Parked && r.To != DocumentState.Parked)
            {
                periods.Add(open with { EndedAt = r.OccurredAt, EndedBy = r.Actor });
                open = null;
            }
        }

        if (open is not null)
        {
            periods.Add(open);
        }

        return periods;
    }

    // What a document made inside a file carries from it: the file as parent and the file's grading (a confidential file's notes and drafts are confidential).
    private static ImmutableSortedDictionary<string, string> ChildAttributes(DocumentHead file)
    {
        var attributes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(RecordAttributes.Parent, file.Id.ToString())]);
        return file.Grading == SecurityGrading.Normal ? attributes : attributes.Add(RecordAttributes.Grading, file.Grading.ToString());
    }

    private async ValueTask<DocumentHead> LoadFileAsync(DocumentId file, DocumentTrigger trigger, CancellationToken cancellationToken)
    {
        var head = await LoadAsync(file, cancellationToken).ConfigureAwait(false);
        if (head.Kind != DocumentKind.File)
        {
            throw new InvalidActionException(file, trigger, $"this needs a file, and the document is a {head.Kind}.");
        }

        return head.State is DocumentState.Closed or DocumentState.Parked
            ? throw new InvalidActionException(file, trigger, $"the file is {head.State}; reopen it first.")
            : head;
    }

    private async Task<ActionResult> OpenChildFileAsync(OfficerId actor, DocumentId file, bool isPart, Guid? actionId, CancellationToken cancellationToken)
    {
        var id = actionId ?? Guid.NewGuid();
        var request = ActionRequest.InFile(isPart ? "part" : "volume", DocumentTrigger.Create, actor, file, null, []);
        if (await FindLandedAsync(actionId, request, cancellationToken).ConfigureAwait(false) is { } landed)
        {
            return landed;
        }

        var head = await LoadFileAsync(file, DocumentTrigger.Create, cancellationToken).ConfigureAwait(false);
        var now = Now();
        var capacity = authority.AuthoriseCreate(actor, head.Holder, now, head);

        CheckActorClearance(head, actor);
        var main = FileNumber.Parse(head.Reference!) with { Part = null, Volume = null };
        var kind = isPart ? "part" : "volume";
        var signer = signers.GetSigner(actor);
        using var telemetry = BeginAction(file, DocumentTrigger.Create, actor);
        var result = await CommitAsync(id, request, async (numbers, token) =>
        {
            // The part or volume number is taken with the record, so a refused or failed opening leaves no gap in the series.
            var next = await numbers.TakeAsync($"{kind}:{main}", token).ConfigureAwait(false);
            var number = isPart ? main with { Part = (int)next } : main with { Volume = (int)next + 1 };
            var attributes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
            {
                [RecordAttributes.FileNumber] = number.ToString(),
                [RecordAttributes.Subject] = $"{head.Subject} ({(isPart ? $"Part {next}" : $"Volume {next + 1}")})",
                [RecordAttributes.Parent] = file.ToString(),
                [RecordAttributes.Request] = request.Fingerprint,
            });
            if (head.Grading != SecurityGrading.Normal)
            {
                attributes = attributes.Add(RecordAttributes.Grading, head.Grading.ToString());
            }

            var draft = new RecordDraft(DocumentKind.File, DocumentTrigger.Create, DocumentState.Draft, actor, head.Holder, capacity, head.Holder, id, now, attributes)
            {
                NewId = DocumentId.ForAction(id, "created"),
            };
            return [await draft.SignAsync(signer, token).ConfigureAwait(false)];
        }, cancellationToken).ConfigureAwait(false);
        return telemetry.Complete(result);
    }

    // A document made in one record (a yellow note, a draft for approval): signed once, appended through the same commit as every action.
    private async Task<ActionResult> CommitOneAsync(RecordDraft draft, ActionRequest request, CancellationToken cancellationToken)
    {
        using var telemetry = BeginAction(null, draft.Trigger, draft.Actor);
        var signer = signers.GetSigner(draft.Actor);
        var result = await CommitAsync(draft.ActionId, request, async (_, token) => [await draft.SignAsync(signer, token).ConfigureAwait(false)], cancellationToken).ConfigureAwait(false);
        return telemetry.Complete(result);
    }

    private async Task AddReceiptCopiesAsync(List<RecordAppend> batch, ActionStep step, ISigner signer, RegisterNumbers numbers, CancellationToken cancellationToken)
    {
        var (head, action) = (step.Head, step.Action);
        var original = await FirstRecordAsync(head.Id, cancellationToken).ConfigureAwait(false);
        foreach (var post in step.Copies)
        {
            // Each copy is checked (PlanAndRouteAsync) before any number is taken; the forward's record already names them all.
            var diary = await numbers.DiaryNumberAsync(organisation.GetPost(post).Section ?? "CR", step.At, cancellationToken).ConfigureAwait(false);
            var attributes = original.Attributes
                .Where(p => p.Key is RecordAttributes.Subject or RecordAttributes.ReceivedFrom or RecordAttributes.LetterDate or RecordAttributes.Medium or RecordAttributes.Grading)
                .ToImmutableSortedDictionary(StringComparer.Ordinal)
                .SetItem(RecordAttributes.DiaryNumber, diary.ToString())
                .SetItem(RecordAttributes.CopyOf, head.Id.ToString());
            var copy = new RecordDraft(DocumentKind.Receipt, DocumentTrigger.Create, DocumentState.Draft, action.Actor, step.ActingAs, step.Capacity, post, action.ActionId, step.At, attributes)
            {
                NewId = DocumentId.ForAction(action.ActionId, "copy:" + post.Value),
            };
            batch.Add(await copy.SignAsync(signer, cancellationToken).ConfigureAwait(false));
        }
    }

    private async Task AddIssuedReceiptAsync(
        List<RecordAppend> batch, DocumentHead draft, DocumentAction action, PostId actingAs, ActingCapacity capacity, DateTimeOffset now, ISigner signer, RegisterNumbers numbers,
        CancellationToken cancellationToken)
    {
        var addressee = organisation.GetPost(action.Recipient!.Value);
        authority.CheckRecipient(draft.Id, addressee.Id, now);
        CheckClearance(draft, addressee.Id, action.Trigger, now);
        var file = await LoadAsync(draft.Parent!.Value, cancellationToken).ConfigureAwait(false);
        var sender = organisation.GetPost(actingAs);
        var office = organisation.GetOffice(sender.Office);
        var diary = await numbers.DiaryNumberAsync(addressee.Section ?? "CR", now, cancellationToken).ConfigureAwait(false);
        var attributes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            [RecordAttributes.DiaryNumber] = diary.ToString(),
            [RecordAttributes.Subject] = draft.Subject ?? "(no subject)",
            [RecordAttributes.ReceivedFrom] = $"{sender.Designation}, {office.Name}",
            [RecordAttributes.LetterDate] = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [RecordAttributes.Medium] = nameof(ReceiptMedium.Electronic),
            [RecordAttributes.IssuedFrom] = draft.Id.ToString(),
            [RecordAttributes.IssuedFromFile] = file.Reference ?? file.Id.ToString(),
        });
        if (draft.Grading != SecurityGrading.Normal)
        {
            attributes = attributes.Add(RecordAttributes.Grading, draft.Grading.ToString());
        }

        var content = await LastContentAsync(draft.Id, cancellationToken).ConfigureAwait(false);
        var issued = new RecordDraft(DocumentKind.Receipt, DocumentTrigger.Create, DocumentState.Draft, action.Actor, actingAs, capacity, addressee.Id, action.ActionId, now, attributes)
        {
            NewId = DocumentId.ForAction(action.ActionId, "issued"),
            Content = content,
        };
        batch.Add(await issued.SignAsync(signer, cancellationToken).ConfigureAwait(false));
    }

    private async ValueTask<Records.TransitionRecord> FirstRecordAsync(DocumentId id, CancellationToken cancellationToken)
    {
        await foreach (var r in store.ReadStreamAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return r.Record;
        }

        throw new DocumentNotFoundException(id);
    }

    private async ValueTask<ReadOnlyMemory<byte>?> LastContentAsync(DocumentId id, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte>? content = null;
        await foreach (var r in store.ReadStreamAsync(id, cancellationToken).ConfigureAwait(false))
        {
            content = r.Content ?? content;
        }

        return content;
    }
}
