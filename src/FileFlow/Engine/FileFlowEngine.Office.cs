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
        if (await FindLandedAsync(id, request, cancellationToken).ConfigureAwait(false) is { } landed)
        {
            return landed;
        }

        var head = await LoadFileAsync(file, DocumentTrigger.CreateYellow, cancellationToken).ConfigureAwait(false);
        var now = Now();
        var office = organisation.GetPost(head.Holder).Office;
        var (post, capacity) = organisation.PostsActingFor(author, now).FirstOrDefault(p => organisation.GetPost(p.Post).Office == office);
        if (capacity == ActingCapacity.None)
        {
            throw new NotCurrentHolderException(file, author, head.Holder);
        }

        CheckActorClearance(head, author);
        var attributes = ChildAttributes(head).SetItem(RecordAttributes.Request, request.Fingerprint);
        var append = await BuildAsync(null, DocumentKind.Noting, DocumentTrigger.CreateYellow, DocumentState.Yellow, author, post, capacity, head.Holder, id, now, attributes, content, signers.GetSigner(author), cancellationToken, DocumentId.ForAction(id, "created")).ConfigureAwait(false);
        return await AppendAsync([append], id, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drafts a reply or order inside a file (a draft for approval); officers holding the file edit it (each version signed and kept), the competent authority approves it, then it is issued or dispatched.</summary>
    public async Task<ActionResult> DraftForApprovalAsync(OfficerId actor, DocumentId file, string subject, IReadOnlyList<NotingParagraph> paragraphs, Guid? actionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var content = NotingContent.Encode(paragraphs);
        var id = actionId ?? Guid.NewGuid();
        var request = ActionRequest.InFile("draft", DocumentTrigger.Create, actor, file, subject, content);
        if (await FindLandedAsync(id, request, cancellationToken).ConfigureAwait(false) is { } landed)
        {
            return landed;
        }

        var head = await LoadFileAsync(file, DocumentTrigger.Create, cancellationToken).ConfigureAwait(false);
        var now = Now();
        var capacity = organisation.CapacityFor(actor, head.Holder, now);
        if (capacity == ActingCapacity.None)
        {
            throw new NotCurrentHolderException(file, actor, head.Holder);
        }

        CheckActorClearance(head, actor);
        var attributes = ChildAttributes(head).SetItem(RecordAttributes.Subject, subject).SetItem(RecordAttributes.Request, request.Fingerprint);
        var append = await BuildAsync(null, DocumentKind.DraftForApproval, DocumentTrigger.Create, DocumentState.Draft, actor, head.Holder, capacity, head.Holder, id, now, attributes, content, signers.GetSigner(actor), cancellationToken, DocumentId.ForAction(id, "created")).ConfigureAwait(false);
        return await AppendAsync([append], id, request, cancellationToken).ConfigureAwait(false);
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
        if (!organisation.GetOfficer(administrator).IsAdministrator)
        {
            throw new NotAdministratorException(administrator, "transfer documents between posts");
        }

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
            batch.Add(await BuildAsync(head, head.Kind, DocumentTrigger.Transfer, head.State, administrator, from, ActingCapacity.Administrator, to, id, now, attributes, null, signer, cancellationToken).ConfigureAwait(false));
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
        if (await FindLandedAsync(id, request, cancellationToken).ConfigureAwait(false) is { } landed)
        {
            return landed;
        }

        var head = await LoadFileAsync(file, DocumentTrigger.Create, cancellationToken).ConfigureAwait(false);
        var now = Now();
        var capacity = organisation.CapacityFor(actor, head.Holder, now);
        if (capacity == ActingCapacity.None)
        {
            throw new NotCurrentHolderException(file, actor, head.Holder);
        }

        CheckActorClearance(head, actor);
        var main = FileNumber.Parse(head.Reference!) with { Part = null, Volume = null };
        var kind = isPart ? "part" : "volume";
        var next = await store.NextSerialAsync($"{kind}:{main}", cancellationToken).ConfigureAwait(false);
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

        var append = await BuildAsync(null, DocumentKind.File, DocumentTrigger.Create, DocumentState.Draft, actor, head.Holder, capacity, head.Holder, id, now, attributes, null, signers.GetSigner(actor), cancellationToken, DocumentId.ForAction(id, "created")).ConfigureAwait(false);
        return await AppendAsync([append], id, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task AddReceiptCopiesAsync(List<RecordAppend> batch, DocumentHead head, DocumentAction action, PostId actingAs, ActingCapacity capacity, DateTimeOffset now, ISigner signer, CancellationToken cancellationToken)
    {
        var original = await FirstRecordAsync(head.Id, cancellationToken).ConfigureAwait(false);
        var copies = new List<string>();
        foreach (var post in action.CopyTo.Distinct())
        {
            var target = organisation.GetPost(post);
            if (post == actingAs || post == batch[0].Head.Holder)
            {
                throw new InvalidActionException(head.Id, action.Trigger, $"post '{post}' is already the sender or the main recipient.");
            }

            CheckClearance(head, post, action.Trigger, now);
            var diary = await numbers.NextDiaryNumberAsync(target.Section ?? "CR", now, cancellationToken).ConfigureAwait(false);
            var attributes = original.Attributes
                .Where(p => p.Key is RecordAttributes.Subject or RecordAttributes.ReceivedFrom or RecordAttributes.LetterDate or RecordAttributes.Medium or RecordAttributes.Grading)
                .ToImmutableSortedDictionary(StringComparer.Ordinal)
                .SetItem(RecordAttributes.DiaryNumber, diary.ToString())
                .SetItem(RecordAttributes.CopyOf, head.Id.ToString());
            batch.Add(await BuildAsync(null, DocumentKind.Receipt, DocumentTrigger.Create, DocumentState.Draft, action.Actor, actingAs, capacity, post, action.ActionId, now, attributes, null, signer, cancellationToken, DocumentId.ForAction(action.ActionId, "copy:" + post.Value)).ConfigureAwait(false));
            copies.Add(post.Value);
        }

        // The forward itself names where the copies went.
        var main = batch[0];
        var record = main.Record.Record with { Attributes = main.Record.Record.Attributes.SetItem(RecordAttributes.CopiesTo, string.Join(",", copies)) };
        batch[0] = await ResignAsync(head, record, signer, cancellationToken).ConfigureAwait(false);
    }

    private async Task AddIssuedReceiptAsync(List<RecordAppend> batch, DocumentHead draft, DocumentAction action, PostId actingAs, ActingCapacity capacity, DateTimeOffset now, ISigner signer, CancellationToken cancellationToken)
    {
        var addressee = organisation.GetPost(action.Recipient!.Value);
        CheckClearance(draft, addressee.Id, action.Trigger, now);
        var file = await LoadAsync(draft.Parent!.Value, cancellationToken).ConfigureAwait(false);
        var sender = organisation.GetPost(actingAs);
        var office = organisation.GetOffice(sender.Office);
        var diary = await numbers.NextDiaryNumberAsync(addressee.Section ?? "CR", now, cancellationToken).ConfigureAwait(false);
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
        batch.Add(await BuildAsync(null, DocumentKind.Receipt, DocumentTrigger.Create, DocumentState.Draft, action.Actor, actingAs, capacity, addressee.Id, action.ActionId, now, attributes, content, signer, cancellationToken, DocumentId.ForAction(action.ActionId, "issued")).ConfigureAwait(false));
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

    private static async ValueTask<RecordAppend> ResignAsync(DocumentHead head, Records.TransitionRecord record, ISigner signer, CancellationToken cancellationToken)
    {
        var bytes = Records.RecordCodec.Encode(record);
        var signature = await signer.SignAsync(bytes, record.OccurredAt, cancellationToken).ConfigureAwait(false);
        var signed = new Records.SignedRecord(record, bytes, signature, null);
        return new RecordAppend(signed, DocumentProjection.Apply(head, record, signed.Hash));
    }
}
