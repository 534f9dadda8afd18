using System.Collections.Immutable;

namespace FileFlow.Organisation;

/// <summary>An office and its sections.</summary>
/// <param name="Id">The office's identifier.</param>
/// <param name="Name">The office's name.</param>
public sealed record Office(OfficeId Id, string Name)
{
    /// <summary>Gets the codes of the office's sections (for example <c>EST</c>, <c>ACCTS</c>).</summary>
    public ImmutableArray<string> Sections { get; init; } = ImmutableArray<string>.Empty;
}
