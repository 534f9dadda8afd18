namespace FileFlow.Time;

/// <summary>Where a pending service file stands against its time limit.</summary>
public enum TimeLimitStatus
{
    /// <summary>Not a service file, or no time limit applies.</summary>
    None = 0,

    /// <summary>Within the time limit.</summary>
    OnTime = 1,

    /// <summary>Within the limit but past the service's at-risk share of it.</summary>
    AtRisk = 2,

    /// <summary>Past the limit (or escalated).</summary>
    Breached = 3,

    /// <summary>Returned to the applicant: the clock is stopped.</summary>
    Paused = 4,

    /// <summary>Decided (approved, rejected) or closed: the clock no longer runs.</summary>
    Completed = 5,
}
