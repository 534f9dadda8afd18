using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Engine;

/// <summary>The officer neither holds the post the document is with nor acts for it under a delegation; nothing was stored.</summary>
public sealed class NotCurrentHolderException : FileFlowException
{
    /// <summary>Initializes a new instance naming the document, the officer and the post that holds it.</summary>
    public NotCurrentHolderException(DocumentId documentId, OfficerId actor, PostId holder)
        : base($"Officer '{actor}' may not act on document {documentId}: it is with post '{holder}', which they neither hold nor act for.")
    {
        DocumentId = documentId;
        Actor = actor;
        Holder = holder;
    }

    /// <summary>Gets the document.</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Gets the officer who tried to act.</summary>
    public OfficerId Actor { get; }

    /// <summary>Gets the post that holds the document.</summary>
    public PostId Holder { get; }
}
