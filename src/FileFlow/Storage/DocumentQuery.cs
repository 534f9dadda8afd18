using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Storage;

/// <summary>Which documents to list, oldest action first, one page at a time; unset filters match everything.</summary>
public sealed record DocumentQuery
{
    /// <summary>Gets the post holding the documents (an inbox).</summary>
    public PostId? Holder { get; init; }

    /// <summary>Gets the state the documents are in.</summary>
    public DocumentState? State { get; init; }

    /// <summary>Gets the kind of the documents.</summary>
    public DocumentKind? Kind { get; init; }

    /// <summary>Gets the file the documents belong to (notings, attached receipts).</summary>
    public DocumentId? Parent { get; init; }

    /// <summary>Gets the service the documents are for.</summary>
    public string? ServiceId { get; init; }

    /// <summary>Gets whether to list only pending documents: those not closed, discarded or put in a file, and neither a noting frozen into its file nor an issued draft (<see cref="DocumentStates.IsPending"/>).</summary>
    public bool PendingOnly { get; init; }

    /// <summary>Gets a time: only documents due before it are listed (files past their time limit).</summary>
    public DateTimeOffset? DueBefore { get; init; }

    /// <summary>Gets a text to search for: documents whose file or diary number starts with it, or whose subject contains it (ordinal, case-insensitive for Latin letters; any script).</summary>
    public string? Text { get; init; }

    /// <summary>Gets a grading ceiling: only documents graded at or below it are listed (an officer's clearance), so pages stay full.</summary>
    /// <value><see langword="null"/> by default: every grading.</value>
    public SecurityGrading? MaxGrading { get; init; }

    /// <summary>Gets the page size.</summary>
    /// <value>50 by default; at most 1,000.</value>
    public int Limit { get; init; } = 50;

    /// <summary>Gets the continuation token of the previous page, or <see langword="null"/> for the first page.</summary>
    public string? After { get; init; }
}
