using System.Collections.Immutable;
using FileFlow.Records;

namespace FileFlow.Services;

/// <summary>One service-guarantee service as data: names, stipulated time, inputs, route, competent authority and its thresholds, appellate chain and penalty.</summary>
/// <remarks>Immutable; loaded from JSON by <see cref="ServiceCatalog"/>. A file keeps the version (and digest) it was opened under.</remarks>
public sealed record ServiceDefinition
{
    /// <summary>Gets the service identifier, for example <c>earned-leave</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the definition's version; files opened under it keep it.</summary>
    public required int Version { get; init; }

    /// <summary>Gets the English name.</summary>
    public required string NameEnglish { get; init; }

    /// <summary>Gets the Hindi name.</summary>
    public required string NameHindi { get; init; }

    /// <summary>Gets where the service comes from: <c>order</c> (named in the UP order of 25 June 2018) or <c>default</c> (completing the ten).</summary>
    public required string Origin { get; init; }

    /// <summary>Gets the stipulated time.</summary>
    public required TimeLimit TimeLimit { get; init; }

    /// <summary>Gets the inputs an application must carry.</summary>
    public ImmutableArray<InputDefinition> Inputs { get; init; } = [];

    /// <summary>Gets the cross-input rules (an amount not above a balance, a to-date not before a from-date).</summary>
    public ImmutableArray<InputConstraint> Constraints { get; init; } = [];

    /// <summary>Gets the route: roles in order up the hierarchy, the competent authority and its thresholds.</summary>
    public required RouteDefinition Route { get; init; }

    /// <summary>Gets the appellate chain and its limits.</summary>
    public required AppellateChain Appeals { get; init; }

    /// <summary>Gets the penalty for delay, on the officers answerable for the file while it was late.</summary>
    public required PenaltyRule Penalty { get; init; }

    /// <summary>Gets the SHA-256 of the definition's canonical JSON; signed into each file opened under it.</summary>
    public required Hash256 Digest { get; init; }

    /// <summary>Returns the input definition with a name, or <see langword="null"/>.</summary>
    public InputDefinition? Input(string name) => Inputs.FirstOrDefault(i => i.Name == name);
}
