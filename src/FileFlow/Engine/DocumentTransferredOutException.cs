using FileFlow.Documents;

namespace FileFlow.Engine;

/// <summary>An action on a file (or on one of its papers) that was sent to another FileFlow instance: it is read-only here until it is received back; nothing was stored.</summary>
public sealed class DocumentTransferredOutException : FileFlowException
{
    /// <summary>Initializes a new instance naming the file and the refused trigger.</summary>
    public DocumentTransferredOutException(DocumentId documentId, DocumentTrigger trigger)
        : base($"'{trigger}' on document {documentId} refused: its file was sent to another instance and is read-only here until it comes back.")
    {
        DocumentId = documentId;
        Trigger = trigger;
    }

    /// <summary>Gets the document acted on.</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Gets the trigger refused.</summary>
    public DocumentTrigger Trigger { get; }
}
