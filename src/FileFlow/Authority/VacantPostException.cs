using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Authority;

/// <summary>A document was sent to a post no one holds and no delegate acts for, so no inbox would show it; nothing was stored.</summary>
public sealed class VacantPostException : FileFlowException
{
    /// <summary>Initializes a new instance naming the document and the vacant post.</summary>
    public VacantPostException(DocumentId documentId, PostId post, DateTimeOffset at)
        : base($"Document {documentId} cannot be sent to post '{post}': the post is vacant at {at:O} (no holder in charge and no delegate). Send it to another post, or fill or delegate the post first.")
    {
        DocumentId = documentId;
        Post = post;
    }

    /// <summary>Gets the document.</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Gets the vacant post.</summary>
    public PostId Post { get; }
}
