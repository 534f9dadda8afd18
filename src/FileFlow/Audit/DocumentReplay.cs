using FileFlow.Documents;
using FileFlow.Machines;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>Replays one document's records in order and checks each: bytes, place, chain, content, signature, machine and authority.</summary>
/// <remarks>Not thread-safe: one instance per document. Stops at the first bad record, since nothing after it can be trusted.</remarks>
internal sealed class DocumentReplay(DocumentId id, OrganisationChart? organisation)
{
    private long nextSequence;
    private Hash256 lastHash = Hash256.Zero;

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

        if (organisation is not null && CheckAuthority(record) is { } problem)
        {
            return new(Id, at, VerificationFailureKind.Unauthorised, problem);
        }

        Head = DocumentProjection.Apply(Head, record, stored.Hash);
        lastHash = stored.Hash;
        nextSequence++;
        return null;
    }

    private string? CheckAuthority(TransitionRecord record)
    {
        if (record.Capacity == ActingCapacity.Administrator)
        {
            var officer = organisation!.ContainsOfficer(record.Actor) ? organisation.GetOfficer(record.Actor) : null;
            return officer is { IsAdministrator: true } && record.Trigger is DocumentTrigger.Close or DocumentTrigger.Transfer
                ? null
                : $"officer '{record.Actor}' acted as an administrator for '{record.Trigger}' without being one, or for an action administrators do not take";
        }

        if (record.Capacity == ActingCapacity.Applicant)
        {
            return record.Trigger is DocumentTrigger.Appeal or DocumentTrigger.SecondAppeal && Head?.Applicant == record.Actor && record.ActingAs == Head.Holder
                ? null
                : $"officer '{record.Actor}' is not the applicant of this file, or an applicant may not '{record.Trigger}'";
        }

        if (record.Capacity == ActingCapacity.System)
        {
            // Escalation by operation of law: signed by the system key (the signature check binds it to the system officer).
            return record.Trigger == DocumentTrigger.Escalate && Head is not null && record.ActingAs == Head.Holder
                ? null
                : $"only an escalation of the current holder's file may be made by the system, not '{record.Trigger}'";
        }

        var capacity = organisation!.CapacityFor(record.Actor, record.ActingAs, record.OccurredAt);
        if (capacity == ActingCapacity.None)
        {
            return $"officer '{record.Actor}' did not hold or act for post '{record.ActingAs}' at {record.OccurredAt:O}";
        }

        if (capacity != record.Capacity)
        {
            return $"the record says officer '{record.Actor}' acted as {record.Capacity}, but was {capacity} of post '{record.ActingAs}'";
        }

        if (Head is null || record.Attribute(RecordAttributes.CausedBy) is not null
            || (Head.Kind == DocumentKind.Noting && Head.State is not (DocumentState.Draft or DocumentState.Yellow))
            || Head.Kind == DocumentKind.DraftForApproval
            || (Head.State == DocumentState.Yellow && record.ActingAs == Head.CreatedBy && record.Actor == Head.Creator)
            || (record.Trigger == DocumentTrigger.SecondAppeal && record.Attribute(RecordAttributes.OwnMotion) == "true"))
        {
            // Documents that move with their file are acted on by the file's holder; a yellow note by its author;
            // a second appeal on the authority's own motion by that authority: the capacity check above covers each.
            return null;
        }

        var expected = record.Trigger == DocumentTrigger.Recall ? Head.LastActingAs : Head.Holder;
        return record.ActingAs == expected ? null : $"post '{record.ActingAs}' acted, but the document was with '{expected}'";
    }
}
