using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.Machines;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>Replays one document's records in order and checks each: bytes, place, chain, content, signature, machine and authority.</summary>
/// <remarks>Not thread-safe: one instance per document. Stops at the first bad record, since nothing after it can be trusted.</remarks>
internal sealed class DocumentReplay(DocumentId id, AuthorityPolicy? policy, ReplaySet? related = null)
{
    private long nextSequence;
    private Hash256 lastHash = Hash256.Zero;
    private string? sentTo;

    public DocumentId Id { get; } = id;

    public DocumentHead? Head { get; private set; }

    public VerificationFailure? Failure { get; private set; }

    public long Records { get; private set; }

    /// <summary>Checks the next record; <paramref name="signature"/> is the result of checking its signature (computed in parallel beforehand).</summary>
    public void Apply(SignedRecord stored, SignatureCheck signature)
    {
        if (Failure is not null)
        {
            return;
        }

        Records++;
        Failure = Check(stored, signature);
    }

    public void CompareWith(DocumentHead? storedHead)
    {
        if (Failure is not null)
        {
            return;
        }

        if (storedHead is null)
        {
            Failure = new(Id, Head?.Sequence ?? -1, VerificationFailureKind.HeadMismatch, "the document has records but no stored head");
        }
        else if (Head is null)
        {
            Failure = new(Id, -1, VerificationFailureKind.Missing, "the document has a stored head but no records");
        }
        else if (storedHead != Head)
        {
            var what = storedHead.Sequence != Head.Sequence
                ? $"the stored head is at sequence {storedHead.Sequence} but the records end at {Head.Sequence} (records dropped or added)"
                : $"the stored head (state {storedHead.State}, holder {storedHead.Holder}) differs from the replayed one (state {Head.State}, holder {Head.Holder})";
            Failure = new(Id, storedHead.Sequence, VerificationFailureKind.HeadMismatch, what);
        }
    }

    private VerificationFailure? Check(SignedRecord stored, SignatureCheck signature)
    {
        var at = stored.Sequence;
        if (!stored.TryGetRecord(out var record, out var error))
        {
            return new(Id, at, VerificationFailureKind.Malformed, error!);
        }

        if (record!.DocumentId != Id || record.Sequence != stored.Sequence)
        {
            return new(Id, at, VerificationFailureKind.Misplaced, $"the record's bytes say document {record.DocumentId} sequence {record.Sequence}");
        }

        if (record.Sequence != nextSequence)
        {
            return new(Id, at, VerificationFailureKind.SequenceGap, $"expected sequence {nextSequence}, found {record.Sequence}");
        }

        if (record.PreviousHash != lastHash)
        {
            return new(Id, at, VerificationFailureKind.BrokenChain, $"previous hash {record.PreviousHash} does not match record {nextSequence - 1}'s hash {lastHash}");
        }

        if (record.ContentHash is { } contentHash)
        {
            if (stored.Content is not { } content || Hash256.Compute(content.Span) != contentHash)
            {
                return new(Id, at, VerificationFailureKind.ContentMismatch, "the stored content does not match the signed content hash");
            }
        }
        else if (stored.Content is { Length: > 0 })
        {
            return new(Id, at, VerificationFailureKind.ContentMismatch, "content is stored for a record that signs none");
        }

        if (!signature.IsValid)
        {
            return new(Id, at, VerificationFailureKind.BadSignature, $"{signature.Failure}: {signature.Reason}");
        }

        var expectedFrom = Head?.State ?? DocumentState.None;
        if (Head is not null && record.Kind != Head.Kind)
        {
            return new(Id, at, VerificationFailureKind.IllegalTransition, $"the record says {record.Kind}, the document is a {Head.Kind}");
        }

        if (record.From != expectedFrom || DocumentMachine.For(record.Kind).TryFire(expectedFrom, record.Trigger) is not { } to || to != record.To)
        {
            return new(Id, at, VerificationFailureKind.IllegalTransition, $"'{record.Trigger}' from {record.From} to {record.To} is not a transition of a {record.Kind} in state {expectedFrom}");
        }

        if (policy is not null && CheckAuthority(policy, record) is { } problem)
        {
            var unauthorised = new VerificationFailure(Id, at, VerificationFailureKind.Unauthorised, problem);
            if (related is not { Instance: not null })
            {
                return unauthorised;
            }

            // Records made in another instance are judged there; they are accepted here when this instance's receipt vouches for them (below).
            related.Defer(this, stored.Position, unauthorised);
        }
        else if (record.Trigger == DocumentTrigger.ReceiveFromInstance && related is { Instance: { } local } && record.Attribute(RecordAttributes.Instance) == local
            && long.TryParse(record.Attribute(RecordAttributes.Imported), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var imported))
        {
            // This instance received the file: the records its receipt imported, just before it in the same append, were verified against the
            // sender's trust anchors and signed checkpoint on arrival.
            related.Vouch(stored.Position, imported);
        }

        if (record.Trigger == DocumentTrigger.Refer)
        {
            related?.AddReferral(record);
        }

        sentTo = record.Trigger == DocumentTrigger.SendToInstance ? record.Attribute(RecordAttributes.ToInstance) : null;
        var head = DocumentProjection.Apply(Head, record, stored.Hash);
        Head = related is null ? head : related.Share(head);
        lastHash = stored.Hash;
        nextSequence++;
        return null;
    }

    /// <summary>Fails the document with an authority problem no receipt vouched for.</summary>
    public void Fail(VerificationFailure failure) => Failure ??= failure;

    // The same policy the engine asked: a record is authorised exactly when the engine would have made it.
    private string? CheckAuthority(AuthorityPolicy authority, TransitionRecord record)
    {
        try
        {
            return Judge(authority, record);
        }
        catch (FileFlowException e)
        {
            return e.Message;
        }
    }

    private string? Judge(AuthorityPolicy authority, TransitionRecord record)
    {
        var at = record.OccurredAt;
        if (record.Capacity == ActingCapacity.System && record.Trigger == DocumentTrigger.ReceiveFromInstance)
        {
            return Head is null ? "a receipt from another instance continues an existing file" : authority.InstanceReceiptProblem(Head, record, sentTo ?? string.Empty);
        }

        if (record.Capacity == ActingCapacity.System)
        {
            // Escalation by operation of law: signed by the system key (the signature check binds it to the system officer).
            return Head is null ? "the system escalates existing files only" : authority.EscalationProblem(Head, record);
        }

        if (record.Capacity == ActingCapacity.Administrator && record.Trigger == DocumentTrigger.Transfer)
        {
            authority.AuthoriseTransfer(record.Actor);
            return Head is null ? "a transfer moves an existing document" : RecipientProblem(authority, record);
        }

        var parentFile = record.Attribute(RecordAttributes.Parent) is { } p && Guid.TryParse(p, out var g) ? related?.HeadOf(new DocumentId(g))
            : Head?.Parent is { } parent ? related?.HeadOf(parent)
            : null;
        if (related is null && Head is { Parent: not null, Kind: DocumentKind.Noting or DocumentKind.DraftForApproval })
        {
            // Verified without its file (a bundle's document alone): the file's holder is unknown, so the record's post is taken for it and only
            // the officer's capacity for that post is checked.
            parentFile = Head with { Holder = record.ActingAs };
        }

        if (Head is null && record.Attribute(RecordAttributes.Referral) is { } r && parentFile is not null && related is not null)
        {
            // A reply to a referral, by an officer of a post the file's question was referred to.
            var refer = long.TryParse(r, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence)
                ? related.ReferralOf(parentFile.Id, sequence)
                : null;
            if (refer is null)
            {
                return $"the noting answers referral '{r}' of file {parentFile.Id}, which is not a referral";
            }

            var (post, capacity) = authority.AuthoriseReferralReply(parentFile, refer, record.Actor, related.AnsweredOf(parentFile.Id, sequence), at);
            if (post != record.ActingAs || capacity != record.Capacity)
            {
                return Mismatch(record, post, capacity);
            }

            related.MarkAnswered(parentFile.Id, sequence, post);
            return null;
        }

        if (Head is null)
        {
            // A creation: for the post the creator acts for; a noting, draft or part by the holder of its file, a yellow note from that office.
            var child = record.Kind is DocumentKind.Noting or DocumentKind.DraftForApproval || (record.Kind == DocumentKind.File && parentFile is not null);
            var created = authority.AuthoriseCreate(record.Actor, record.ActingAs, at, child ? parentFile : null, record.Trigger == DocumentTrigger.CreateYellow);
            return created != record.Capacity ? Mismatch(record, record.ActingAs, created)
                : record.Attribute(RecordAttributes.CopyOf) is not null || record.Attribute(RecordAttributes.IssuedFrom) is not null ? RecipientProblem(authority, record)
                : null;
        }

        if (record.Attribute(RecordAttributes.CausedBy) is not null)
        {
            // A consequence of an action on another document, signed in the same batch by the same officer for the same post.
            return authority.ConsequenceProblem(record);
        }

        var request = new AuthorityRequest(Head, record.Trigger, record.Actor, at)
        {
            ParentFile = parentFile,
            RecipientActed = related is null ? null : AuthorityPolicy.RecipientHasActed(Head, related.ChildrenOf(Head.Id)),
            ClaimedActingAs = record.ActingAs,
        };
        var granted = authority.Authorise(request);
        if (granted.ActingAs != record.ActingAs || granted.Capacity != record.Capacity)
        {
            return Mismatch(record, granted.ActingAs, granted.Capacity);
        }

        return record.Trigger == DocumentTrigger.SendToInstance ? AuthorityPolicy.InstanceSendProblem(record)
            : record.Trigger == DocumentTrigger.Refer ? authority.ReferralProblem(Head, record)
            : record.Trigger == DocumentTrigger.Withhold ? AuthorityPolicy.WithholdingProblem(Head, record) ?? WithheldPartProblem(record)
            : record.Holder != Head.Holder ? RecipientProblem(authority, record)
            : null;
    }

    // With the related documents at hand, the part withheld must be one of this file's notings, receipts or drafts.
    private string? WithheldPartProblem(TransitionRecord record) =>
        related?.HeadOf(DocumentId.Parse(record.Attribute(RecordAttributes.Withheld)!)) is { } part && part.Parent != Id
            ? $"the withholding names document {part.Id}, which is not a part of file {Id}"
            : null;

    private static string Mismatch(TransitionRecord record, PostId post, ActingCapacity capacity) =>
        $"the record says officer '{record.Actor}' acted for post '{record.ActingAs}' as {record.Capacity}, but the authority policy gives post '{post}' as {capacity}";

    private string? RecipientProblem(AuthorityPolicy authority, TransitionRecord record)
    {
        authority.CheckRecipient(Id, record.Holder, record.OccurredAt);
        return null;
    }
}
