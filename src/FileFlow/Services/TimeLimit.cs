namespace FileFlow.Services;

/// <summary>A stipulated time in days, counted in calendar or working days, and where the figure comes from.</summary>
/// <param name="Days">How many days.</param>
/// <param name="WorkingDays">Whether only working days count (needs a holiday calendar); calendar days otherwise.</param>
/// <param name="AtRiskShare">The share of the time after which a pending file is "at risk" (0–1).</param>
/// <param name="Source">Where the figure comes from, or <c>default</c>.</param>
public sealed record TimeLimit(int Days, bool WorkingDays, double AtRiskShare, string Source);
