namespace FileFlow.Organisation;

/// <summary>An officer holding a post from a time (inclusive) until a time (exclusive), or open-ended.</summary>
/// <param name="Officer">The officer.</param>
/// <param name="Post">The post held.</param>
/// <param name="From">When the charge was taken.</param>
/// <param name="Until">When the charge was handed over, or <see langword="null"/> while it is held.</param>
public sealed record Assignment(OfficerId Officer, PostId Post, DateTimeOffset From, DateTimeOffset? Until = null)
{
    /// <summary>Returns whether the assignment is in force at <paramref name="at"/>.</summary>
    public bool IsInForceAt(DateTimeOffset at) => From <= at && (Until is null || at < Until);
}
