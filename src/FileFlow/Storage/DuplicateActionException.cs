using FileFlow.Documents;

namespace FileFlow.Storage;

/// <summary>A record of the same action on the same document is already stored; nothing was appended.</summary>
public sealed class DuplicateActionException : FileFlowException
{
    /// <summary>Initializes a new instance naming the action and document.</summary>
    public DuplicateActionException(Guid actionId, DocumentId documentId)
        : base($"Action {actionId} has already been applied to document {documentId}.")
    {
        ActionId = actionId;
        DocumentId = documentId;
    }

    /// <summary>Gets the action.</summary>
    public Guid ActionId { get; }

    /// <summary>Gets the document.</summary>
    public DocumentId DocumentId { get; }
}
