using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Engine;

/// <summary>A graded document cannot go to a post whose holders lack the clearance for its grading, nor be seen or acted on by an officer without it; nothing was stored or shown.</summary>
public sealed class InsufficientClearanceException : FileFlowException
{
    /// <summary>Initializes a new instance naming the document, the grading and the post it could not go to.</summary>
    public InsufficientClearanceException(DocumentId documentId, SecurityGrading grading, PostId post)
        : base($"Document {documentId} is {grading}; no officer holding post '{post}' is cleared for it.")
    {
        DocumentId = documentId;
        Grading = grading;
        Post = post;
    }

    /// <summary>Initializes a new instance naming the document, the grading and the officer who may not see or act on it.</summary>
    public InsufficientClearanceException(DocumentId documentId, SecurityGrading grading, OfficerId officer, SecurityGrading clearance)
        : base($"Document {documentId} is {grading}; officer '{officer}' is cleared only for {clearance} and may not see or act on it.")
    {
        DocumentId = documentId;
        Grading = grading;
        Officer = officer;
        Clearance = clearance;
    }

    /// <summary>Gets the document.</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Gets the document's grading.</summary>
    public SecurityGrading Grading { get; }

    /// <summary>Gets the post that was refused, when the document could not be sent to it; otherwise the default.</summary>
    public PostId Post { get; }

    /// <summary>Gets the officer who was refused, when the document could not be seen or acted on by them.</summary>
    public OfficerId? Officer { get; }

    /// <summary>Gets the refused officer's clearance, when <see cref="Officer"/> is set.</summary>
    public SecurityGrading? Clearance { get; }
}
