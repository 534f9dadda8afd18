using System.Globalization;
using FileFlow.Documents;
using FileFlow.Records;

namespace FileFlow.Storage;

/// <summary>Folds records into a <see cref="DocumentHead"/>: the one function both the engine and verification use, so replay equals projection.</summary>
public static class DocumentProjection
{
    /// <summary>Applies one record (whose canonical bytes hash to <paramref name="recordHash"/>) to the head before it.</summary>
    /// <exception cref="ArgumentException">The record is the first of its document but <paramref name="head"/> is not <see langword="null"/>, or the reverse.</exception>
    public static DocumentHead Apply(DocumentHead? head, TransitionRecord record, Hash256 recordHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (head is null)
        {
            if (record.Sequence != 0)
            {
                throw new ArgumentException("The first record of a document must have sequence 0.", nameof(record));
            }

            return new DocumentHead
            {
                Id = record.DocumentId,
                Kind = record.Kind,
                State = record.To,
                Holder = record.Holder,
                Sequence = 0,
                LastHash = recordHash,
                LastTrigger = record.Trigger,
                LastActor = record.Actor,
                LastActingAs = record.ActingAs,
                PreviousHolder = record.ActingAs,
                CreatedBy = record.ActingAs,
                Creator = record.Actor,
                CreatedAt = record.OccurredAt,
                UpdatedAt = record.OccurredAt,
                Reference = record.Attribute(RecordAttributes.FileNumber) ?? record.Attribute(RecordAttributes.DiaryNumber),
                Subject = record.Attribute(RecordAttributes.Subject),
                ServiceId = record.Attribute(RecordAttributes.Service),
                Parent = ParseId(record.Attribute(RecordAttributes.Parent)),
                DueAt = ParseTime(record.Attribute(RecordAttributes.DueAt)),
                ServiceVersion = ParseInt(record.Attribute(RecordAttributes.ServiceVersion)),
                Authority = record.Attribute(RecordAttributes.Authority),
                Applicant = record.Attribute(RecordAttributes.Applicant) is { } applicant ? new Organisation.OfficerId(applicant) : null,
                Grading = record.Attribute(RecordAttributes.Grading) is { } grading ? Enum.Parse<SecurityGrading>(grading) : SecurityGrading.Normal,
                Physical = record.Attribute(RecordAttributes.Medium) == nameof(ReceiptMedium.Physical),
                // A physical receipt created straight into another post's inbox (a copy sent on) awaits receipt there like one forwarded.
                AwaitingReceipt = record.Attribute(RecordAttributes.Medium) == nameof(ReceiptMedium.Physical) && record.Holder != record.ActingAs,
            };
        }

        if (record.Sequence != head.Sequence + 1)
        {
            throw new ArgumentException($"Record {record.Sequence} does not follow record {head.Sequence}.", nameof(record));
        }

        return head with
        {
            State = record.To,
            Holder = record.Holder,
            Sequence = record.Sequence,
            LastHash = recordHash,
            LastTrigger = record.Trigger,
            LastActor = record.Actor,
            LastActingAs = record.ActingAs,
            PreviousHolder = head.Holder,
            SentBy = record.Trigger is DocumentTrigger.Forward or DocumentTrigger.Return ? record.ActingAs : head.SentBy,
            UpdatedAt = record.OccurredAt,
            Parent = record.Trigger == DocumentTrigger.PutInFile ? ParseId(record.Attribute(RecordAttributes.Parent)) : head.Parent,
            DueAt = record.Attribute(RecordAttributes.DueAt) is { } due ? ParseTime(due) : head.DueAt,
            EscalationLevel = ParseInt(record.Attribute(RecordAttributes.Escalation)) ?? head.EscalationLevel,
            AppealLevel = ParseInt(record.Attribute(RecordAttributes.AppealLevel)) ?? head.AppealLevel,
            // A file takes at least the grading of what is put in it (the attaching record says so); a grading never falls.
            Grading = record.Attribute(RecordAttributes.Grading) is { } level && Enum.Parse<SecurityGrading>(level) is var raised && raised > head.Grading
                ? raised
                : head.Grading,
            AwaitingReceipt = head.Physical && record.Trigger switch
            {
                DocumentTrigger.Forward or DocumentTrigger.Return or DocumentTrigger.Transfer => true,
                DocumentTrigger.Receive or DocumentTrigger.Recall => false,
                _ => head.AwaitingReceipt,
            },
            PausedAt = record.Trigger switch
            {
                DocumentTrigger.ReturnToApplicant => record.OccurredAt,
                DocumentTrigger.Resubmit => null,
                _ => head.PausedAt,
            },
        };
    }

    private static int? ParseInt(string? text) => text is null ? null : int.Parse(text, CultureInfo.InvariantCulture);

    private static DocumentId? ParseId(string? text) => text is null ? null : DocumentId.Parse(text);

    private static DateTimeOffset? ParseTime(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
