using FileFlow.Documents;

namespace FileFlow.Engine;

/// <summary>No document with the identifier exists in the store.</summary>
public sealed class DocumentNotFoundException : FileFlowException
{
    /// <summary>Initializes a new instance naming the document.</summary>
    public DocumentNotFoundException(DocumentId documentId)
        : base($"Document {documentId} does not exist in the store.")
    {
        DocumentId = documentId;
    }

    /// <summary>Gets the document that was not found.</summary>
    public DocumentId DocumentId { get; }
}
