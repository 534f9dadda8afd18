using System.Collections.Immutable;

namespace FileFlow.Services;

/// <summary>A service's route by role: the steps up the hierarchy, the default competent (sanctioning) authority, and thresholds that raise it.</summary>
/// <param name="Steps">Roles in order from the dealing hand upward; each forward goes to the next step.</param>
/// <param name="Authority">The role that sanctions when no threshold applies.</param>
public sealed record RouteDefinition(ImmutableArray<string> Steps, string Authority)
{
    /// <summary>Gets the thresholds, lowest first; the highest one exceeded picks the competent authority.</summary>
    public ImmutableArray<Threshold> Thresholds { get; init; } = [];
}
