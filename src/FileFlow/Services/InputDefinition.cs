using System.Collections.Immutable;

namespace FileFlow.Services;

/// <summary>One input of a service application: name, type, whether required, bounds and allowed values.</summary>
/// <param name="Name">The input's name, for example <c>amount</c>.</param>
/// <param name="Kind">The input's type.</param>
/// <param name="Required">Whether the application must carry it.</param>
public sealed record InputDefinition(string Name, InputKind Kind, bool Required)
{
    /// <summary>Gets the smallest allowed value of a number.</summary>
    public decimal? Min { get; init; }

    /// <summary>Gets the largest allowed value of a number.</summary>
    public decimal? Max { get; init; }

    /// <summary>Gets the allowed values of a choice.</summary>
    public ImmutableArray<string> Values { get; init; } = [];

    /// <summary>Gets the unit of a number (<c>days</c>, <c>INR</c>).</summary>
    public string? Unit { get; init; }
}
