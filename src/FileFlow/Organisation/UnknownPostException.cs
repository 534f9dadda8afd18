namespace FileFlow.Organisation;

/// <summary>A post named in an action or a route is not in the organisation chart.</summary>
public sealed class UnknownPostException : FileFlowException
{
    /// <summary>Initializes a new instance naming the post.</summary>
    public UnknownPostException(PostId post)
        : base($"Post '{post}' is not in the organisation chart. Check the post identifier or add the post.")
    {
        Post = post;
    }

    /// <summary>Gets the post that was not found.</summary>
    public PostId Post { get; }
}
