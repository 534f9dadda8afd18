using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Services;

/// <summary>A service file's delay, the penalty it accrues, and the officers it falls on (from the file's signed history).</summary>
/// <param name="File">The file.</param>
/// <param name="ServiceId">The service.</param>
/// <param name="DueAt">When the service was due (moved on by any time with the applicant).</param>
/// <param name="DeliveredAt">When it was decided or closed, or <see langword="null"/> while pending.</param>
/// <param name="DaysLate">Whole days past the due date (to delivery, or to the time assessed while pending).</param>
/// <param name="Amount">The penalty accrued: per day, capped for each officer charged; the sum of the <see cref="Shares"/>.</param>
/// <param name="DesignatedPost">The designated officer's post under the service, for reference; the penalty falls on the officers in <see cref="Shares"/>.</param>
public sealed record PenaltyAssessment(
    DocumentId File,
    string ServiceId,
    DateTimeOffset DueAt,
    DateTimeOffset? DeliveredAt,
    int DaysLate,
    decimal Amount,
    PostId? DesignatedPost)
{
    /// <summary>Gets who the days of delay are charged to, in order of the days; empty when the file is not a whole day late.</summary>
    public ImmutableArray<DelayShare> Shares { get; init; } = [];

    /// <summary>Returns the shares charged to one officer.</summary>
    public IEnumerable<DelayShare> SharesOf(OfficerId officer) => Shares.Where(s => s.Officer == officer);
}
