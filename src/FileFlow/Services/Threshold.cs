namespace FileFlow.Services;

/// <summary>Above this value of an input, a higher role is the competent authority.</summary>
/// <param name="Input">The input compared, for example <c>amount</c> or <c>days</c>.</param>
/// <param name="Above">The value that must be exceeded.</param>
/// <param name="Unit">The unit of the value (<c>INR</c>, <c>days</c>): required, so a figure is never read in the wrong unit.</param>
/// <param name="Authority">The role that sanctions above the value.</param>
public sealed record Threshold(string Input, decimal Above, string Unit, string Authority);
