using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Engine;

/// <summary>One post's part of a referral: the file's question referred to it for comment by a date, and its reply when it has given one.</summary>
/// <param name="File">The file referred.</param>
/// <param name="Sequence">The sequence of the file's <see cref="DocumentTrigger.Refer"/> record.</param>
/// <param name="ReferredBy">The post that referred the question.</param>
/// <param name="Post">The post asked to comment.</param>
/// <param name="Question">The question referred.</param>
/// <param name="ReplyBy">The date the comment is due by.</param>
/// <param name="Reply">The noting that answers it, or <see langword="null"/> while it is outstanding.</param>
/// <param name="RepliedAt">When it was answered, or <see langword="null"/>.</param>
public sealed record Referral(DocumentId File, long Sequence, PostId ReferredBy, PostId Post, string Question, DateTimeOffset ReplyBy, DocumentId? Reply, DateTimeOffset? RepliedAt)
{
    /// <summary>Gets whether the post has not answered yet.</summary>
    public bool IsOutstanding => Reply is null;

    /// <summary>Returns whether the reply is outstanding after its date, at <paramref name="now"/>.</summary>
    public bool IsOverdue(DateTimeOffset now) => Reply is null && now > ReplyBy;
}
