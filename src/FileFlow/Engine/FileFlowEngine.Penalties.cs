using FileFlow.Documents;
using FileFlow.Penalties;
using FileFlow.Services;

namespace FileFlow.Engine;

/// <content>Penalties under the service-guarantee acts, assessed from each file's signed records by the <see cref="PenaltyLedger"/>.</content>
public sealed partial class FileFlowEngine
{
    /// <summary>Assesses a service file's delay and penalty from its records, and charges each day of delay to the officer who was answerable for the file then.</summary>
    /// <remarks>Days past the due date (the one set when the file was opened, or written on its acknowledgment; less time with the applicant) until
    /// decision, per day, capped. Each day falls on the holder of the post the file lay with, or the officer in current charge of it while its holder
    /// was away (<see cref="PenaltyAssessment.Shares"/>); within a limit of their own (an appellate officer's, an order to deliver) the delay stays with
    /// the officer in default before them.</remarks>
    /// <returns>The assessment, or <see langword="null"/> when the file is not a service file with a time limit.</returns>
    public Task<PenaltyAssessment?> AssessPenaltyAsync(DocumentId file, CancellationToken cancellationToken = default) => penalties.AssessAsync(file, cancellationToken);

    /// <summary>Builds the per-officer ledger of accrued penalties over every service file in the store: each officer's total is the sum of the days of delay charged to them, largest total first.</summary>
    public Task<IReadOnlyList<OfficerPenalty>> PenaltyLedgerAsync(CancellationToken cancellationToken = default) => penalties.AccruedAsync(cancellationToken);

    /// <summary>Lists the penalties imposed by signed second-appeal orders, newest last, each with the officer's accrued delay on that file it settles.</summary>
    public Task<IReadOnlyList<ImposedPenalty>> ImposedPenaltiesAsync(CancellationToken cancellationToken = default) => penalties.ImposedAsync(cancellationToken);
}
