namespace FileFlow.Organisation;

/// <summary>While a post's holder is away (on leave, on tour), another post acts for it from a time (inclusive) until a time (exclusive).</summary>
/// <param name="From">The post whose work is delegated.</param>
/// <param name="To">The post that acts for it.</param>
/// <param name="Start">When the delegation starts.</param>
/// <param name="End">When the delegation ends.</param>
public sealed record Delegation(PostId From, PostId To, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Returns whether the delegation is in force at <paramref name="at"/>.</summary>
    public bool IsInForceAt(DateTimeOffset at) => Start <= at && at < End;
}
