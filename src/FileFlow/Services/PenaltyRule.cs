namespace FileFlow.Services;

/// <summary>The fine on an officer for delay: an amount per day, capped.</summary>
/// <param name="PerDay">Rupees per day of delay.</param>
/// <param name="Cap">The most that can accrue on one officer for one application (the designated officer's delay and an appellate officer's are capped separately).</param>
/// <param name="Source">Where the figures come from, or <c>default</c>.</param>
public sealed record PenaltyRule(decimal PerDay, decimal Cap, string Source)
{
    /// <summary>Returns the penalty for a number of whole days late.</summary>
    public decimal For(int daysLate) => daysLate <= 0 ? 0 : Math.Min(Cap, PerDay * daysLate);
}
