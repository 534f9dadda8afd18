namespace FileFlow.Organisation;

/// <summary>Identifies a post (a seat such as "Section Officer, Establishment"); files are routed to posts, and a post's holder changes over time.</summary>
/// <param name="Value">The identifier text; not empty.</param>
public readonly record struct PostId(string Value)
{
    /// <summary>Returns the identifier text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
