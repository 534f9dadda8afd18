using FileFlow.Documents;

namespace FileFlow.Engine;

/// <summary>A sender tried to pull back a document the recipient has already opened or acted on, or that they did not send; nothing was stored.</summary>
public sealed class PullBackRefusedException : FileFlowException
{
    /// <summary>Initializes a new instance naming the document and why.</summary>
    public PullBackRefusedException(DocumentId documentId, bool opened, string reason)
        : base($"Document {documentId} cannot be pulled back: {reason}.")
    {
        DocumentId = documentId;
        Opened = opened;
    }

    /// <summary>Gets the document.</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Gets whether the refusal is because the recipient has opened it.</summary>
    public bool Opened { get; }
}
