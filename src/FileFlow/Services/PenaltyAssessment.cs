using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Services;

/// <summary>A service file's delay and the penalty it puts on the designated officer.</summary>
/// <param name="File">The file.</param>
/// <param name="ServiceId">The service.</param>
/// <param name="DueAt">When the service was due (moved on by any time with the applicant).</param>
/// <param name="DeliveredAt">When it was decided or closed, or <see langword="null"/> while pending.</param>
/// <param name="DaysLate">Whole days past the due date (to delivery, or to now while pending).</param>
/// <param name="Amount">The penalty accrued: per day, capped.</param>
/// <param name="DesignatedPost">The designated officer's post.</param>
/// <param name="DesignatedOfficer">Who held that post when the service fell due, if anyone.</param>
public sealed record PenaltyAssessment(
    DocumentId File,
    string ServiceId,
    DateTimeOffset DueAt,
    DateTimeOffset? DeliveredAt,
    int DaysLate,
    decimal Amount,
    PostId? DesignatedPost,
    OfficerId? DesignatedOfficer);
