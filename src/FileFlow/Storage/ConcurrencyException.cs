using FileFlow.Documents;

namespace FileFlow.Storage;

/// <summary>Another action on the document landed first; nothing was stored. Reload the document and decide again.</summary>
public sealed class ConcurrencyException : FileFlowException
{
    /// <summary>Initializes a new instance with the expected and actual sequence.</summary>
    public ConcurrencyException(DocumentId documentId, long expectedSequence, long actualSequence)
        : base($"Document {documentId} is at sequence {actualSequence}, not {expectedSequence} as expected: another action landed first. Reload it and try again.")
    {
        DocumentId = documentId;
        ExpectedSequence = expectedSequence;
        ActualSequence = actualSequence;
    }

    /// <summary>Gets the document.</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Gets the sequence the action expected the document to be at (-1: not yet created).</summary>
    public long ExpectedSequence { get; }

    /// <summary>Gets the sequence the document was actually at (-1: it does not exist).</summary>
    public long ActualSequence { get; }
}
