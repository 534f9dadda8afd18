using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;

namespace FileFlow.Storage;

/// <summary>A document's current state, holder and headline facts: a projection of its records, stored with the last one in the same transaction.</summary>
/// <remarks>Immutable. Replaying the document's records with <see cref="DocumentProjection"/> gives exactly this value.</remarks>
public sealed record DocumentHead
{
    /// <summary>Gets the document's identifier.</summary>
    public required DocumentId Id { get; init; }

    /// <summary>Gets the document's kind.</summary>
    public required DocumentKind Kind { get; init; }

    /// <summary>Gets the current state.</summary>
    public required DocumentState State { get; init; }

    /// <summary>Gets the post that holds the document now.</summary>
    public required PostId Holder { get; init; }

    /// <summary>Gets the sequence number of the last record.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the hash of the last record: the next record's previous hash.</summary>
    public required Hash256 LastHash { get; init; }

    /// <summary>Gets the trigger of the last record.</summary>
    public required DocumentTrigger LastTrigger { get; init; }

    /// <summary>Gets the officer who acted last.</summary>
    public required OfficerId LastActor { get; init; }

    /// <summary>Gets the post that acted last (the sender, after a forward or return).</summary>
    public required PostId LastActingAs { get; init; }

    /// <summary>Gets the post that held the document before the last action.</summary>
    public required PostId PreviousHolder { get; init; }

    /// <summary>Gets the post that last sent the document on (by forward or return); the default recipient of a return.</summary>
    public PostId? SentBy { get; init; }

    /// <summary>Gets the post that created the document.</summary>
    public required PostId CreatedBy { get; init; }

    /// <summary>Gets the officer that created the document.</summary>
    public required OfficerId Creator { get; init; }

    /// <summary>Gets when the document was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the last action happened: the time the holder received it, for oldest-first inboxes.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets the file number (of a file) or diary number (of a receipt) as text, when the document has one.</summary>
    /// <remarks>Typed: <see cref="FileNumber"/> and <see cref="DiaryNumber"/>.</remarks>
    public string? Reference { get; init; }

    /// <summary>Gets a file's <see cref="Documents.FileNumber"/> (its <see cref="Reference"/>, parsed), or <see langword="null"/> for a receipt or noting.</summary>
    public FileNumber? FileNumber => Kind == DocumentKind.File && Documents.FileNumber.TryParse(Reference, out var number) ? number : null;

    /// <summary>Gets a receipt's <see cref="Documents.DiaryNumber"/> (its <see cref="Reference"/>, parsed), or <see langword="null"/> for a file or noting.</summary>
    public DiaryNumber? DiaryNumber => Kind == DocumentKind.Receipt && Documents.DiaryNumber.TryParse(Reference, out var number) ? number : null;

    /// <summary>Gets the subject, when the document has one.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the service the document is for, when it is a service-guarantee case.</summary>
    public string? ServiceId { get; init; }

    /// <summary>Gets the file a noting belongs to, or the file a receipt is put up in.</summary>
    public DocumentId? Parent { get; init; }

    /// <summary>Gets when the file is due: the service's time limit, moved on by a pause and by each escalation to the appellate officer's limit.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Gets the version of the service definition the file was opened under (it keeps it for life).</summary>
    public int? ServiceVersion { get; init; }

    /// <summary>Gets the role competent to sanction the application, fixed from its inputs when the file was opened.</summary>
    public string? Authority { get; init; }

    /// <summary>Gets how many times the file has been escalated for delay (0, 1 to the first appellate officer, 2 to the second).</summary>
    public int EscalationLevel { get; init; }

    /// <summary>Gets when the file was returned to the applicant, while its clock is stopped.</summary>
    public DateTimeOffset? PausedAt { get; init; }

    /// <summary>Gets the employee who applied for the service (who may appeal), when the file names one.</summary>
    public Organisation.OfficerId? Applicant { get; init; }

    /// <summary>Gets the appeal level the file has reached (0 none, 1 first appeal, 2 second appeal).</summary>
    public int AppealLevel { get; init; }

    /// <summary>Gets the security grading; queries show the document only to officers cleared for it.</summary>
    public SecurityGrading Grading { get; init; }

    /// <summary>Gets whether the document is on paper (a physical receipt).</summary>
    public bool Physical { get; init; }

    /// <summary>Gets whether a physical document was sent on and its recipient has not yet marked it received.</summary>
    public bool AwaitingReceipt { get; init; }
}
