using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Machines;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <content>Who may act, what an action must carry, and what it does to related documents.</content>
public sealed partial class FileFlowEngine
{

    private static ImmutableSortedDictionary<string, string> ActionAttributes(DocumentHead head, DocumentAction action, DateTimeOffset now)
    {
        var attributes = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var pair in action.Attributes)
        {
            if (RecordAttributes.IsReserved(pair.Key))
            {
                throw new InvalidActionException(head.Id, action.Trigger, $"attribute '{pair.Key}' is reserved for FileFlow; use another key.");
            }

            attributes[pair.Key] = pair.Value;
        }

        if (!string.IsNullOrWhiteSpace(action.Reason))
        {
            attributes[RecordAttributes.Reason] = action.Reason;
        }
        else if (action.Trigger is DocumentTrigger.Reject or DocumentTrigger.ReturnToApplicant or DocumentTrigger.DismissAppeal or DocumentTrigger.AllowAppeal
            or DocumentTrigger.ExtendAppealTime)
        {
            throw new InvalidActionException(head.Id, action.Trigger, action.Trigger switch
            {
                DocumentTrigger.Reject => "a rejection must carry a reason.",
                DocumentTrigger.ExtendAppealTime => "an extension of the time to decide an appeal must record its reasons.",
                DocumentTrigger.ReturnToApplicant => "say what the applicant must supply (the reason).",
                _ => "an appeal order must carry its reasons.",
            });
        }

        if (action.Withholding is not null && action.Trigger != DocumentTrigger.Withhold)
        {
            throw new InvalidActionException(head.Id, action.Trigger, "only a Withhold carries a withholding.");
        }

        switch (action.Trigger)
        {
            case DocumentTrigger.AttachReceipt:
                var receipt = action.Receipt ?? throw new InvalidActionException(head.Id, action.Trigger, "name the receipt to put in the file.");
                attributes[RecordAttributes.Receipt] = receipt.ToString();
                break;
            case DocumentTrigger.Edit when action.Paragraphs.IsDefaultOrEmpty:
                throw new InvalidActionException(head.Id, action.Trigger, "an edit must carry the noting's new paragraphs.");
            case DocumentTrigger.PutInFile:
                throw new InvalidActionException(head.Id, action.Trigger, "a receipt is put in a file by firing AttachReceipt on the file.");
            case DocumentTrigger.Refer when action.CopyTo.IsDefaultOrEmpty || action.ReplyBy is null || attributes.ContainsKey(RecordAttributes.Reason) is false:
                throw new InvalidActionException(head.Id, action.Trigger, "a referral names the posts (CopyTo), the date to comment by (ReplyBy) and the question (Reason).");
            case DocumentTrigger.Refer when action.ReplyBy <= now:
                throw new InvalidActionException(head.Id, action.Trigger, $"the date to comment by, {action.ReplyBy:O}, has passed.");
            case DocumentTrigger.Refer:
                attributes[RecordAttributes.ReferredTo] = string.Join(",", action.CopyTo.Distinct().Select(p => p.Value));
                attributes[RecordAttributes.ReplyBy] = action.ReplyBy!.Value.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                break;
            case DocumentTrigger.Withhold when action.Withholding is null || !attributes.ContainsKey(RecordAttributes.Reason):
                throw new InvalidActionException(head.Id, action.Trigger, "a withholding names the part withheld and the clause (Withholding) and gives the reason (Reason).");
            case DocumentTrigger.Withhold:
                AddWithholding(attributes, action.Withholding!);
                break;
            case DocumentTrigger.ReceiveFromInstance:
                throw new InvalidActionException(head.Id, action.Trigger, "a file from another instance is received with InstanceTransfers.ReceiveAsync, which verifies its signed history first.");
            case DocumentTrigger.Escalate:
                throw new InvalidActionException(head.Id, action.Trigger, "escalation happens by operation of law: call EscalateOverdueAsync.");
            case DocumentTrigger.Transfer:
                throw new InvalidActionException(head.Id, action.Trigger, "an administrator transfers a departing officer's documents with TransferAsync.");
            case DocumentTrigger.Forward when !action.CopyTo.IsDefaultOrEmpty && head.Kind != DocumentKind.Receipt:
                throw new InvalidActionException(head.Id, action.Trigger, "only receipts can be sent to several recipients at once; a file is in one place at a time.");
            case DocumentTrigger.Dispatch when string.IsNullOrWhiteSpace(action.Addressee):
                throw new InvalidActionException(head.Id, action.Trigger, "name the addressee outside the system.");
            case DocumentTrigger.Issue when action.Recipient is null:
                throw new InvalidActionException(head.Id, action.Trigger, "name the addressee's post to issue the draft to.");
            case DocumentTrigger.Resubmit when head.DueAt is { } due && head.PausedAt is { } paused:
                // The clock restarts where it stopped: the due date moves by the time spent with the applicant.
                attributes[RecordAttributes.DueAt] = RecordAttributes.FormatTime(due + (now - paused));
                break;
        }

        if (action.DelayCause is not null && action.Trigger is not (DocumentTrigger.Appeal or DocumentTrigger.SecondAppeal))
        {
            throw new InvalidActionException(head.Id, action.Trigger, "only a late appeal carries a cause for delay.");
        }

        if (action.Trigger is DocumentTrigger.Forward && head.Kind == DocumentKind.Noting)
        {
            throw new InvalidActionException(head.Id, action.Trigger, "a noting moves on with its file; forward the file.");
        }

        return attributes.ToImmutable();
    }

    // 8. Consequences in the same atomic append: notings freeze, receipts attach, copies are made, a draft issues.
    private async Task AddConsequencesAsync(List<RecordAppend> batch, ActionStep step, ISigner signer, RegisterNumbers numbers, CancellationToken cancellationToken)
    {
        var (head, action, after, actingAs, actingCapacity, now) = (step.Head, step.Action, batch[0].Head, step.ActingAs, step.Capacity, step.At);
        if (!step.Copies.IsDefaultOrEmpty)
        {
            await AddReceiptCopiesAsync(batch, step, signer, numbers, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (head.Kind == DocumentKind.DraftForApproval && action.Trigger == DocumentTrigger.Issue)
        {
            await AddIssuedReceiptAsync(batch, head, action, actingAs, actingCapacity, now, signer, numbers, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (head.Kind != DocumentKind.File)
        {
            return;
        }

        var causedBy = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(RecordAttributes.CausedBy, head.Id.ToString())]);
        if (action.Trigger == DocumentTrigger.AttachReceipt)
        {
            var receipt = await LoadAsync(action.Receipt!.Value, cancellationToken).ConfigureAwait(false);
            if (receipt.Kind != DocumentKind.Receipt)
            {
                throw new InvalidActionException(head.Id, action.Trigger, $"document {receipt.Id} is a {receipt.Kind}, not a receipt.");
            }

            if (receipt.AwaitingReceipt)
            {
                // A physical receipt is marked received before anything else is done with it, putting it in a file included.
                throw new NotReceivedException(receipt.Id, DocumentTrigger.PutInFile);
            }

            CheckActorClearance(receipt, action.Actor);
            var receiptTo = Permit(receipt, DocumentTrigger.PutInFile);
            var capacity = authority.CapacityFor(action.Actor, receipt.Holder, now);
            if (capacity == ActingCapacity.None)
            {
                throw new NotCurrentHolderException(receipt.Id, action.Actor, receipt.Holder);
            }

            var attributes = causedBy.SetItem(RecordAttributes.Parent, head.Id.ToString());
            var putInFile = new RecordDraft(DocumentKind.Receipt, DocumentTrigger.PutInFile, receiptTo, action.Actor, receipt.Holder, capacity, after.Holder, action.ActionId, now, attributes) { Before = receipt };
            batch.Add(await putInFile.SignAsync(signer, cancellationToken).ConfigureAwait(false));
            return;
        }

        DocumentTrigger? notingTrigger = action.Trigger switch
        {
            DocumentTrigger.Forward or DocumentTrigger.Return => DocumentTrigger.Forward,
            DocumentTrigger.Approve => DocumentTrigger.Approve,
            DocumentTrigger.Reject => DocumentTrigger.Reject,
            DocumentTrigger.Close => DocumentTrigger.Close,
            _ => null,
        };
        if (notingTrigger is not { } trigger)
        {
            return;
        }

        var machine = DocumentMachine.For(DocumentKind.Noting);
        var query = new DocumentQuery { Parent = head.Id, Kind = DocumentKind.Noting, Limit = 1000 };
        await foreach (var noting in store.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            // A draft freezes (moves on) only with its own author's post, whatever the file action; other drafts stay drafts.
            var effective = noting.State != DocumentState.Draft ? trigger
                : noting.Holder != actingAs ? (DocumentTrigger?)null
                : trigger == DocumentTrigger.Close ? DocumentTrigger.Close : DocumentTrigger.Forward;
            if (effective is { } t && machine.TryFire(noting.State, t) is { } to)
            {
                var moved = new RecordDraft(DocumentKind.Noting, t, to, action.Actor, actingAs, actingCapacity, after.Holder, action.ActionId, now, causedBy) { Before = noting };
                batch.Add(await moved.SignAsync(signer, cancellationToken).ConfigureAwait(false));
            }
        }
    }
}
