using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Engine;

/// <summary>A graded document cannot go to (or be seen by) an officer without the clearance for its grading; nothing was stored.</summary>
public sealed class InsufficientClearanceException : FileFlowException
{
    /// <summary>Initializes a new instance naming the document, the grading and the post.</summary>
    public InsufficientClearanceException(DocumentId documentId, SecurityGrading grading, PostId post)
        : base($"Document {documentId} is {grading}; no officer holding post '{post}' is cleared for it.")
    {
        DocumentId = documentId;
        Grading = grading;
        Post = post;
    }

    /// <summary>Gets the document.</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Gets the document's grading.</summary>
    public SecurityGrading Grading { get; }

    /// <summary>Gets the post that was refused.</summary>
    public PostId Post { get; }
}
