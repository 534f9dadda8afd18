namespace FileFlow.Organisation;

/// <summary>While a post's holder is away (on leave, on tour), another post acts for it from a time (inclusive) until a time (exclusive).</summary>
/// <remarks>While a delegation is in force the delegate is in charge and the absent holder does not act for the post, unless the charge is
/// <see cref="Concurrent"/> (both may act).</remarks>
/// <param name="From">The post whose work is delegated.</param>
/// <param name="To">The post that acts for it.</param>
/// <param name="Start">When the delegation starts.</param>
/// <param name="End">When the delegation ends.</param>
public sealed record Delegation(PostId From, PostId To, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Returns whether the delegation is in force at <paramref name="at"/>.</summary>
    public bool IsInForceAt(DateTimeOffset at) => Start <= at && at < End;

    /// <summary>Gets whether the charge is concurrent: the holder keeps acting for the post beside the delegate.</summary>
    /// <value><see langword="false"/> by default: the holder on leave does not act while the delegation is in force.</value>
    public bool Concurrent { get; init; }
}
