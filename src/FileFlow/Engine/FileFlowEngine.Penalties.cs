using System.Collections.Immutable;
using System.Globalization;
using FileFlow.Documents;
using FileFlow.Services;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <content>Penalties under the service-guarantee acts, assessed from each file's signed records.</content>
public sealed partial class FileFlowEngine
{
    /// <summary>Assesses a service file's delay and penalty from its records: days past the due date (the one set when the file was opened, or written on its acknowledgment; less time with the applicant) until decision, per day, capped.</summary>
    /// <returns>The assessment, or <see langword="null"/> when the file is not a service file with a time limit.</returns>
    public async Task<PenaltyAssessment?> AssessPenaltyAsync(DocumentId file, CancellationToken cancellationToken = default)
    {
        if (services is null)
        {
            return null;
        }

        DateTimeOffset? due = null, delivered = null, pausedAt = null;
        var paused = TimeSpan.Zero;
        ServiceDefinition? service = null;
        Organisation.PostId? createdBy = null;
        await foreach (var stored in store.ReadStreamAsync(file, cancellationToken).ConfigureAwait(false))
        {
            var r = stored.Record;
            switch (r.Trigger)
            {
                case DocumentTrigger.Create when r.Attribute(RecordAttributes.Service) is { } id && services.Contains(id):
                    service = r.Attribute(RecordAttributes.ServiceVersion) is { } v ? services.Get(id, int.Parse(v, CultureInfo.InvariantCulture)) : services.Get(id);
                    due = r.Attribute(RecordAttributes.DueAt) is { } d ? DateTimeOffset.Parse(d, CultureInfo.InvariantCulture) : null;
                    createdBy = r.ActingAs;
                    break;
                case DocumentTrigger.Acknowledge when due is null && r.Attribute(RecordAttributes.DueAt) is { } acknowledged:
                    // Behind the acknowledgment gate the designated officer's due date is the one written on the acknowledgment.
                    due = DateTimeOffset.Parse(acknowledged, CultureInfo.InvariantCulture);
                    break;
                case DocumentTrigger.ReturnToApplicant:
                    pausedAt = r.OccurredAt;
                    break;
                case DocumentTrigger.Resubmit when pausedAt is { } p:
                    paused += r.OccurredAt - p;
                    pausedAt = null;
                    break;
                case DocumentTrigger.Approve or DocumentTrigger.Reject or DocumentTrigger.Close when delivered is null:
                    delivered = r.OccurredAt;
                    break;
            }
        }

        if (service is null || due is null)
        {
            return null;
        }

        var end = delivered ?? pausedAt ?? Now();
        var dueAt = due.Value + paused;
        var daysLate = end > dueAt ? (int)Math.Floor((end - dueAt).TotalDays) : 0;
        var post = organisation.ResolveRole(service.Appeals.Designated, createdBy!.Value)?.Id;
        var officer = post is { } p2 ? organisation.HoldersOf(p2, dueAt).Select(o => (Organisation.OfficerId?)o).FirstOrDefault() : null;
        return new PenaltyAssessment(file, service.Id, dueAt, delivered, daysLate, service.Penalty.For(daysLate), post, officer);
    }

    /// <summary>Builds the per-officer penalty ledger over every service file in the store, largest total first.</summary>
    public async Task<IReadOnlyList<OfficerPenalty>> PenaltyLedgerAsync(CancellationToken cancellationToken = default)
    {
        var assessments = new List<PenaltyAssessment>();
        var query = new DocumentQuery { Kind = DocumentKind.File, Limit = 1000 };
        await foreach (var head in store.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (!(head.ServiceId is not null && head.DueAt is not null))
            {
                continue;
            }

            if (await AssessPenaltyAsync(head.Id, cancellationToken).ConfigureAwait(false) is { Amount: > 0, DesignatedOfficer: not null } a)
            {
                assessments.Add(a);
            }
        }

        return assessments.GroupBy(a => a.DesignatedOfficer!.Value)
            .Select(g => new OfficerPenalty(g.Key, g.Sum(a => a.Amount), g.ToImmutableArray()))
            .OrderByDescending(o => o.Total)
            .ThenBy(o => o.Officer.Value, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Lists the penalties imposed by signed second-appeal orders (on the designated officer, and separately on a late first appellate officer), newest last.</summary>
    public async Task<IReadOnlyList<ImposedPenalty>> ImposedPenaltiesAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<ImposedPenalty>();
        var query = new DocumentQuery { Kind = DocumentKind.File, Limit = 1000 };
        await foreach (var head in store.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (!(head.AppealLevel >= 2))
            {
                continue;
            }

            await foreach (var stored in store.ReadStreamAsync(head.Id, cancellationToken).ConfigureAwait(false))
            {
                var r = stored.Record;
                foreach (var (key, value) in r.Attributes.Where(p => p.Key.StartsWith(RecordAttributes.PenaltyPrefix, StringComparison.Ordinal)))
                {
                    result.Add(new ImposedPenalty(
                        new Organisation.OfficerId(key[RecordAttributes.PenaltyPrefix.Length..]),
                        head.Id,
                        decimal.Parse(value, CultureInfo.InvariantCulture),
                        r.Attribute(RecordAttributes.Compensation) == "true",
                        r.OccurredAt,
                        r.Actor));
                }
            }
        }

        return result.OrderBy(p => p.OrderedAt).ToList();
    }
}
