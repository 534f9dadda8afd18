using System.Collections.Immutable;
using FileFlow.Organisation;

namespace FileFlow.Services;

/// <summary>One officer's line in the penalty ledger: the total owed and the files it comes from.</summary>
/// <param name="Officer">The designated officer.</param>
/// <param name="Total">The total penalty accrued.</param>
/// <param name="Files">The assessments behind it.</param>
public sealed record OfficerPenalty(OfficerId Officer, decimal Total, ImmutableArray<PenaltyAssessment> Files);
