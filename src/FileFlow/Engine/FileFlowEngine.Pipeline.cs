using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Routing;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <content>
/// The steps of one action, in the order <see cref="FireAsync"/> takes them: load, permit, authorise, validate the arguments, plan and
/// route, then (in <see cref="CommitAsync"/>) allocate numbers, build and sign once, consequences, append. Any step that refuses leaves
/// the store as it was: no record, no number taken.
/// </content>
public sealed partial class FileFlowEngine
{
    // 1. Load the head; no action-id lookup first. A retry whose action landed is found when a later step refuses it (the document
    // moved on) or when the append does (the store holds the action id), and FireAsync then returns what landed.
    private async ValueTask<DocumentHead> LoadOrLandedAsync(DocumentAction action, CancellationToken cancellationToken) =>
        await store.GetHeadAsync(action.DocumentId, cancellationToken).ConfigureAwait(false) ?? throw new DocumentNotFoundException(action.DocumentId);

    // 2. Permit: the document kind's machine, and the guards beside it (physical papers received first, opened once).
    private static ActionStep Permit(ActionStep step)
    {
        if (step.Head.State == DocumentState.TransferredOut)
        {
            throw new DocumentTransferredOutException(step.Head.Id, step.Action.Trigger);
        }

        var to = Permit(step.Head, step.Action.Trigger);
        CheckGuards(step.Head, step.Action);
        return step with { To = to };
    }

    // 3. Authorise: may this officer act for this post now, and are they cleared for the document's grading.
    private async ValueTask<ActionStep> AuthoriseAsync(ActionStep step, CancellationToken cancellationToken)
    {
        var (actingAs, capacity) = await AuthoriseAsync(step.Head, step.Action, step.At, cancellationToken).ConfigureAwait(false);
        if (capacity != ActingCapacity.Applicant)
        {
            CheckActorClearance(step.Head, step.Action.Actor);
        }

        return step with { ActingAs = actingAs, Capacity = capacity };
    }

    // 4. Validate the arguments: reasons, receipts, recipients, application keys; a paper put in a file raises the file's grading.
    private async ValueTask<ActionStep> ValidateArgumentsAsync(ActionStep step, CancellationToken cancellationToken)
    {
        var attributes = ActionAttributes(step.Head, step.Action, step.At).SetItem(RecordAttributes.Request, step.Request.Fingerprint);
        if (await RaisedGradingAsync(step.Head, step.Action, cancellationToken).ConfigureAwait(false) is { } raised)
        {
            attributes = attributes.SetItem(RecordAttributes.Grading, raised.ToString());
        }

        if (step.Action.Withholding is { } withholding)
        {
            await CheckWithheldPartAsync(step.Head, withholding, cancellationToken).ConfigureAwait(false);
        }

        return step with { Attributes = attributes };
    }

    // A paper put in a file brings its grading with it: the file is raised to it in the attaching record, so every later move and listing checks it.
    private async ValueTask<SecurityGrading?> RaisedGradingAsync(DocumentHead head, DocumentAction action, CancellationToken cancellationToken) =>
        action.Trigger == DocumentTrigger.AttachReceipt && action.Receipt is { } receipt
            && await store.GetHeadAsync(receipt, cancellationToken).ConfigureAwait(false) is { } paper && paper.Grading > head.Grading
            ? paper.Grading
            : null;

    // 5. Plan and route: what the service's rules set and whom they send it to, or the routing rule; the recipient must be cleared.
    private async ValueTask<ActionStep> PlanAndRouteAsync(ActionStep step, CancellationToken cancellationToken)
    {
        var (head, action) = (step.Head, step.Action);
        if (action.Trigger == DocumentTrigger.SendToInstance)
        {
            return PlanInstanceSend(step);
        }

        if (action.Trigger == DocumentTrigger.Refer)
        {
            return PlanReferral(step);
        }

        if (action.Trigger == DocumentTrigger.Withhold)
        {
            return step with { Holder = head.Holder };   // the file stays where it is
        }

        var plan = await PlanAsync(head, action, step.ActingAs, step.At, step.Attributes, cancellationToken).ConfigureAwait(false);
        var attributes = plan.Attributes;
        var holder = plan.Holder;
        if (holder is null)
        {
            var decision = await routing.RouteAsync(
                new RoutingContext(head, head.Kind, action.Trigger, action.Actor, step.ActingAs, action.Recipient, organisation, step.At),
                cancellationToken).ConfigureAwait(false);
            if (decision.Note is { Length: > 0 } note)
            {
                attributes = attributes.SetItem(RecordAttributes.Routing, note);
            }

            holder = decision.NextHolder;
        }

        if (holder.Value != head.Holder)
        {
            authority.CheckRecipient(head.Id, holder.Value, step.At);
        }

        CheckClearance(head, holder.Value, action.Trigger, step.At);
        var copies = ImmutableArray<PostId>.Empty;
        if (head.Kind == DocumentKind.Receipt && action.Trigger == DocumentTrigger.Forward && !action.CopyTo.IsDefaultOrEmpty)
        {
            // The forward itself names where the copies go, so its record is signed once.
            copies = CheckCopies(step, holder.Value);
            attributes = attributes.SetItem(RecordAttributes.CopiesTo, string.Join(",", copies.Select(p => p.Value)));
        }

        return step with { Attributes = attributes, Holder = holder.Value, Copies = copies };
    }

    // 6 to 8, for one attempt: allocate the numbers, build and sign the main record once, then its consequences on related documents.
    private async Task<List<RecordAppend>> BuildBatchAsync(ActionStep step, RegisterNumbers numbers, CancellationToken cancellationToken)
    {
        var (head, action) = (step.Head, step.Action);
        var attributes = await AllocateNumbersAsync(step, numbers, cancellationToken).ConfigureAwait(false);
        var main = new RecordDraft(head.Kind, action.Trigger, step.To, action.Actor, step.ActingAs, step.Capacity, step.Holder, action.ActionId, step.At, attributes)
        {
            Before = head,
            Content = action.Trigger == DocumentTrigger.Edit ? NotingContent.Encode(action.Paragraphs) : (ReadOnlyMemory<byte>?)null,
        };
        var signer = signers.GetSigner(action.Actor);
        var batch = new List<RecordAppend> { await main.SignAsync(signer, cancellationToken).ConfigureAwait(false) };
        await AddConsequencesAsync(batch, step, signer, numbers, cancellationToken).ConfigureAwait(false);
        return batch;
    }

    // 6. Numbers the main record carries (a dispatch number); the consequences take theirs (diary numbers of copies and issued letters).
    private async ValueTask<ImmutableSortedDictionary<string, string>> AllocateNumbersAsync(ActionStep step, RegisterNumbers numbers, CancellationToken cancellationToken)
    {
        if (step.Action.Trigger != DocumentTrigger.Dispatch)
        {
            return step.Attributes;
        }

        var section = organisation.GetPost(step.ActingAs).Section ?? "CR";
        var number = await numbers.DispatchNumberAsync(section, step.At, cancellationToken).ConfigureAwait(false);
        return step.Attributes.SetItem(RecordAttributes.DispatchNumber, number);
    }

    private ImmutableArray<PostId> CheckCopies(ActionStep step, PostId mainRecipient)
    {
        var copies = ImmutableArray.CreateBuilder<PostId>();
        foreach (var post in step.Action.CopyTo.Distinct())
        {
            organisation.GetPost(post);
            if (post == step.ActingAs || post == mainRecipient)
            {
                throw new InvalidActionException(step.Head.Id, step.Action.Trigger, $"post '{post}' is already the sender or the main recipient.");
            }

            authority.CheckRecipient(step.Head.Id, post, step.At);
            CheckClearance(step.Head, post, step.Action.Trigger, step.At);
            copies.Add(post);
        }

        return copies.ToImmutable();
    }
}
