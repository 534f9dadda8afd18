using System.Collections.Immutable;
using System.Globalization;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Services;
using FileFlow.Storage;

namespace FileFlow.Penalties;

/// <summary>The penalties under the service-guarantee acts, read from the signed records: each file's assessment, the accrued ledger per officer,
/// and the penalties imposed by second-appeal orders with the accrued delay each settles. Read-only; the engine exposes it.</summary>
internal sealed class PenaltyLedger(IDocumentStore store, ServiceCatalog? services, OrganisationChart organisation, TimeProvider time)
{
    /// <summary>Assesses a service file's delay and penalty from its records, and charges each day of delay to the officer who was answerable for the file then.</summary>
    /// <returns>The assessment, or <see langword="null"/> when the file is not a service file with a time limit.</returns>
    public async Task<PenaltyAssessment?> AssessAsync(DocumentId file, CancellationToken cancellationToken = default) =>
        services is null ? null : DelayAttribution.Assess(file, await ReadRecordsAsync(file, cancellationToken).ConfigureAwait(false), services, organisation, time.GetUtcNow());

    /// <summary>Builds the per-officer ledger of accrued penalties over every service file in the store: each officer's total is the sum of the days of delay charged to them, largest total first.</summary>
    public async Task<IReadOnlyList<OfficerPenalty>> AccruedAsync(CancellationToken cancellationToken = default)
    {
        var assessments = new List<PenaltyAssessment>();
        await foreach (var head in ServiceFilesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await AssessAsync(head.Id, cancellationToken).ConfigureAwait(false) is { Amount: > 0 } a)
            {
                assessments.Add(a);
            }
        }

        return assessments
            .SelectMany(a => a.Shares.Where(s => s.Officer is not null && s.Amount > 0).Select(s => (Officer: s.Officer!.Value, Share: s, Assessment: a)))
            .GroupBy(x => x.Officer)
            .Select(g => new OfficerPenalty(g.Key, g.Sum(x => x.Share.Amount), g.Select(x => x.Assessment).Distinct().ToImmutableArray()))
            .OrderByDescending(o => o.Total)
            .ThenBy(o => o.Officer.Value, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Lists the penalties imposed by signed second-appeal orders, newest last, each with the officer's accrued delay on that file it settles.</summary>
    public async Task<IReadOnlyList<ImposedPenalty>> ImposedAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<ImposedPenalty>();
        var query = new DocumentQuery { Kind = DocumentKind.File, Limit = 1000 };
        await foreach (var head in store.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (!(head.AppealLevel >= 2))
            {
                continue;
            }

            var records = await ReadRecordsAsync(head.Id, cancellationToken).ConfigureAwait(false);
            foreach (var r in records)
            {
                var penalties = r.Attributes.Where(p => p.Key.StartsWith(RecordAttributes.PenaltyPrefix, StringComparison.Ordinal)).ToList();
                var accrued = penalties.Count > 0 && services is not null ? DelayAttribution.Assess(head.Id, records, services, organisation, r.OccurredAt) : null;
                foreach (var (key, value) in penalties)
                {
                    var officer = new OfficerId(key[RecordAttributes.PenaltyPrefix.Length..]);
                    result.Add(new ImposedPenalty(officer, head.Id, decimal.Parse(value, CultureInfo.InvariantCulture), r.Attribute(RecordAttributes.Compensation) == "true", r.OccurredAt, r.Actor)
                    {
                        Settles = accrued?.SharesOf(officer).ToImmutableArray() ?? [],
                    });
                }
            }
        }

        return result.OrderBy(p => p.OrderedAt).ToList();
    }

    private async IAsyncEnumerable<DocumentHead> ServiceFilesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DocumentQuery { Kind = DocumentKind.File, Limit = 1000 };
        await foreach (var head in store.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (head.ServiceId is not null && head.DueAt is not null)
            {
                yield return head;
            }
        }
    }

    private async Task<List<TransitionRecord>> ReadRecordsAsync(DocumentId file, CancellationToken cancellationToken)
    {
        var records = new List<TransitionRecord>();
        await foreach (var stored in store.ReadStreamAsync(file, cancellationToken).ConfigureAwait(false))
        {
            records.Add(stored.Record);
        }

        return records;
    }
}
