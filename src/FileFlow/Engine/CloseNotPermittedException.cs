using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Engine;

/// <summary>Only the file's creator (the post that opened it) or an administrator may close a file; nothing was stored.</summary>
public sealed class CloseNotPermittedException : FileFlowException
{
    /// <summary>Initializes a new instance naming the file, the officer and the creating post.</summary>
    public CloseNotPermittedException(DocumentId documentId, OfficerId actor, PostId creator)
        : base($"Officer '{actor}' may not close file {documentId}: only its creator, post '{creator}', or an administrator may close it. Return it to the creator.")
    {
        DocumentId = documentId;
        Actor = actor;
        Creator = creator;
    }

    /// <summary>Gets the file.</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Gets the officer who tried to close it.</summary>
    public OfficerId Actor { get; }

    /// <summary>Gets the post that created the file.</summary>
    public PostId Creator { get; }
}
