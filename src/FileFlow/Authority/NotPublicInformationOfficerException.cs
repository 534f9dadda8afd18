using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Authority;

/// <summary>An officer who does not act for the file's public information officer post tried to withhold a part of it or certify a copy of it; nothing was stored or written.</summary>
public sealed class NotPublicInformationOfficerException : FileFlowException
{
    /// <summary>Initializes a new instance naming the file, the officer and the post that is the file's public information officer, if any.</summary>
    public NotPublicInformationOfficerException(DocumentId file, OfficerId officer, PostId? post)
        : base(post is { } p
            ? $"Officer '{officer}' does not hold or act for post '{p}', the public information officer for file {file}; only that officer withholds parts of the file and certifies copies of it."
            : $"No post with role '{AuthorityPolicy.PublicInformationOfficerRole}' serves file {file}; give one post that role in the organisation.")
    {
        File = file;
        Officer = officer;
        Post = post;
    }

    /// <summary>Gets the file.</summary>
    public DocumentId File { get; }

    /// <summary>Gets the officer refused.</summary>
    public OfficerId Officer { get; }

    /// <summary>Gets the file's public information officer post, or <see langword="null"/> when none serves it.</summary>
    public PostId? Post { get; }
}
