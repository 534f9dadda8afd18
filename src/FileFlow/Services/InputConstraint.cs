namespace FileFlow.Services;

/// <summary>A rule across two or three inputs of an application.</summary>
/// <param name="Kind">The rule: <c>atMost</c> (input ≤ other), <c>notBefore</c> (date input ≥ other date) or <c>daysBetween</c> (input = inclusive days from <paramref name="Other"/> to <paramref name="Third"/>).</param>
/// <param name="Input">The input the rule is about.</param>
/// <param name="Other">The input compared with.</param>
/// <param name="Third">The second date of a <c>daysBetween</c> rule.</param>
public sealed record InputConstraint(string Kind, string Input, string Other, string? Third = null);
