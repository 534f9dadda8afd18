using System.Collections.Immutable;
using FileFlow.Organisation;

namespace FileFlow.Services;

/// <summary>One officer's line in the accrued-penalty ledger: the total of the days of delay charged to them and the files it comes from.</summary>
/// <param name="Officer">The officer charged (the holder, or the officer in current charge, while the file lay with them past its limit).</param>
/// <param name="Total">The total penalty accrued on them: the sum of their shares in <paramref name="Files"/>.</param>
/// <param name="Files">The assessments of the files with a share charged to them.</param>
public sealed record OfficerPenalty(OfficerId Officer, decimal Total, ImmutableArray<PenaltyAssessment> Files);
