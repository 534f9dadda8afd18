using FileFlow.Documents;

namespace FileFlow.Storage;

/// <summary>The action id is already stored, by an earlier append on this or another document; nothing was appended.</summary>
/// <remarks>The stores' unique key on the action id stands guard, so the engine needs no lookup before appending a fresh action.</remarks>
public sealed class DuplicateActionException : FileFlowException
{
    /// <summary>Initializes a new instance naming the action and document.</summary>
    public DuplicateActionException(Guid actionId, DocumentId documentId)
        : base($"Action {actionId} has already been applied (appending it to document {documentId} again was refused).")
    {
        ActionId = actionId;
        DocumentId = documentId;
    }

    /// <summary>Gets the action.</summary>
    public Guid ActionId { get; }

    /// <summary>Gets the document the refused append named.</summary>
    public DocumentId DocumentId { get; }
}
