using FileFlow.Documents;

namespace FileFlow.Engine;

/// <summary>An appeal came after its window closed and shows no cause for the delay; nothing was stored.</summary>
public sealed class AppealWindowClosedException : FileFlowException
{
    /// <summary>Initializes a new instance naming the file and the closing date.</summary>
    public AppealWindowClosedException(DocumentId documentId, DateTimeOffset closedAt)
        : base($"The appeal window on file {documentId} closed at {closedAt:O}. An appeal after it must show sufficient cause for the delay (give it as DocumentAction.DelayCause, and the grounds of appeal as the reason).")
    {
        DocumentId = documentId;
        ClosedAt = closedAt;
    }

    /// <summary>Gets the file.</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Gets when the window closed.</summary>
    public DateTimeOffset ClosedAt { get; }
}
