using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Services;

/// <summary>A penalty imposed on an officer by a signed second-appeal order, and the accrued delay on that file it settles.</summary>
/// <param name="Officer">The officer fined.</param>
/// <param name="File">The file the order is on.</param>
/// <param name="Amount">The amount in rupees.</param>
/// <param name="Compensation">Whether it is paid to the applicant as compensation.</param>
/// <param name="OrderedAt">When the order was signed.</param>
/// <param name="OrderedBy">Who signed it.</param>
public sealed record ImposedPenalty(OfficerId Officer, DocumentId File, decimal Amount, bool Compensation, DateTimeOffset OrderedAt, OfficerId OrderedBy)
{
    /// <summary>Gets the officer's shares of the file's delay accrued when the order was signed: the delay this penalty settles. Empty when none was charged to them.</summary>
    public ImmutableArray<DelayShare> Settles { get; init; } = [];

    /// <summary>Gets the penalty those shares had accrued, to reconcile with <see cref="Amount"/>.</summary>
    public decimal Accrued => Settles.Sum(s => s.Amount);
}
