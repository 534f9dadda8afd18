using FileFlow.Documents;

namespace FileFlow.Engine;

/// <summary>A physical receipt must be marked received before anything else is done with it; nothing was stored.</summary>
public sealed class NotReceivedException : FileFlowException
{
    /// <summary>Initializes a new instance naming the receipt and the refused trigger.</summary>
    public NotReceivedException(DocumentId documentId, DocumentTrigger trigger)
        : base($"Receipt {documentId} is on paper and has not been marked received: mark it received (Receive) before '{trigger}'.")
    {
        DocumentId = documentId;
        Trigger = trigger;
    }

    /// <summary>Gets the receipt.</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Gets the trigger refused.</summary>
    public DocumentTrigger Trigger { get; }
}
