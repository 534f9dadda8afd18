namespace FileFlow.Cli.Simulation;

/// <summary>What a simulation did; the numbers depend only on the options (seed included), never on timing, except the wall time and rate.</summary>
internal sealed record SimulationSummary
{
    public required int Files { get; init; }

    public required long Transitions { get; init; }

    public required int Sanctioned { get; init; }

    public required int Rejected { get; init; }

    public required int Pending { get; init; }

    public required int Breached { get; init; }

    public required int Escalated { get; init; }

    public required decimal Penalty { get; init; }

    public required double WallSeconds { get; init; }

    public required double TransitionsPerSecond { get; init; }

    public required int Offices { get; init; }

    public required int Officers { get; init; }

    public required int Delegations { get; init; }

    public required int ReturnedToApplicant { get; init; }

    public required int Closed { get; init; }

    public required int Days { get; init; }

    public required int Seed { get; init; }

    public required string Algorithm { get; init; }

    public required int CertificatesIssued { get; init; }

    public required long Errors { get; init; }

    public string? FirstError { get; init; }

    public required string Store { get; init; }
}
