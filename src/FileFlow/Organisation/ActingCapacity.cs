namespace FileFlow.Organisation;

/// <summary>In what capacity an officer acts for a post at a given time.</summary>
public enum ActingCapacity
{
    /// <summary>The officer neither holds the post nor acts for it.</summary>
    None = 0,

    /// <summary>The officer holds the post.</summary>
    Holder = 1,

    /// <summary>The officer holds the post that acts for it under a delegation in force.</summary>
    Delegate = 2,

    /// <summary>The system acted by operation of law (a time-limit escalation), signing with the system key.</summary>
    System = 3,

    /// <summary>An administrator acted (closing a file, transferring a departing officer's documents).</summary>
    Administrator = 4,

    /// <summary>The applicant of a service acted (filing an appeal).</summary>
    Applicant = 5,
}
