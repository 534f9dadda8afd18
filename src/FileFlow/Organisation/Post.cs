namespace FileFlow.Organisation;

/// <summary>A post in an office: its designation, its level in the hierarchy (higher is more senior) and the post it reports to.</summary>
/// <param name="Id">The post's identifier.</param>
/// <param name="Designation">The designation, for example "Section Officer".</param>
/// <param name="Level">The level in the hierarchy; a dealing assistant is lower than a sanctioning authority.</param>
/// <param name="Office">The office the post belongs to.</param>
public sealed record Post(PostId Id, string Designation, int Level, OfficeId Office)
{
    /// <summary>Gets the section the post sits in, or <see langword="null"/> for an office-wide post.</summary>
    public string? Section { get; init; }

    /// <summary>Gets the post's role in service routes (for example <c>dealing-assistant</c>, <c>head-of-office</c>), or <see langword="null"/>.</summary>
    /// <remarks>Service routes name roles, not posts, so one definition serves every office; the chart resolves a role to a post.</remarks>
    public string? Role { get; init; }

    /// <summary>Gets the post this one reports to, or <see langword="null"/> at the top of the chain.</summary>
    public PostId? ReportsTo { get; init; }
}
