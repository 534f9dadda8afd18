using System.Collections.Immutable;
using System.Globalization;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Services;
using FileFlow.Storage;

namespace FileFlow.Penalties;

/// <summary>Assesses a service file's delay from its signed records and charges each whole day of it to the officer answerable for the file then.</summary>
/// <remarks>
/// The records give the file's holding post over time. Time with the applicant (returned until resubmitted) does not count and moves the due date on.
/// Day <c>k</c> of delay is charged at the moment the file became <c>k</c> days late: to the holder of the post it lay with, or to the officer in current
/// charge of that post while a delegation was in force. A record that gives the file a new limit of its own (an escalation, an appeal, an order to
/// deliver) leaves the delay within that limit with the officer in default before it; after it, the new holder is answerable.
/// Each day accrues the service's rate until the officer charged has reached the cap on this file; the shares add up to the assessment's amount.
/// </remarks>
internal static class DelayAttribution
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static PenaltyAssessment? Assess(DocumentId file, IReadOnlyList<TransitionRecord> stream, ServiceCatalog services, OrganisationChart organisation, DateTimeOffset asOf)
    {
        var records = stream.Where(r => r.OccurredAt <= asOf).ToList();
        ServiceDefinition? service = null;
        DateTimeOffset? due = null, delivered = null;
        PostId? createdBy = null;
        foreach (var r in records)
        {
            switch (r.Trigger)
            {
                case DocumentTrigger.Create when r.Attribute(RecordAttributes.Service) is { } id && services.Contains(id):
                    service = r.Attribute(RecordAttributes.ServiceVersion) is { } v ? services.Get(id, int.Parse(v, CultureInfo.InvariantCulture)) : services.Get(id);
                    due = Time(r.Attribute(RecordAttributes.DueAt));
                    createdBy = r.ActingAs;
                    break;
                case DocumentTrigger.Acknowledge when due is null && r.Attribute(RecordAttributes.DueAt) is { } acknowledged:
                    // Behind the acknowledgment gate the due date is the one written on the acknowledgment.
                    due = Time(acknowledged);
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

        var walk = new Walk(organisation, service.Penalty, due.Value, delivered ?? asOf);
        walk.Run(records);
        var designated = organisation.ContainsPost(createdBy!.Value) ? organisation.ResolveRole(service.Appeals.Designated, createdBy.Value)?.Id : null;
        return new PenaltyAssessment(file, service.Id, walk.DueAt, delivered, walk.DaysLate, walk.Shares.Sum(s => s.Amount), designated)
        {
            Shares = walk.Shares.ToImmutable(),
        };
    }

    private static DateTimeOffset? Time(string? text) => text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Who is answerable for a post's files at a moment: its holder, or the officer in current charge while a delegation is in force.</summary>
    private readonly record struct Charge(OfficerId? Officer, PostId Post, ActingCapacity Capacity);

    /// <summary>The walk along the file's timeline, completing whole days of delay and charging each.</summary>
    private sealed class Walk(OrganisationChart organisation, PenaltyRule rule, DateTimeOffset due, DateTimeOffset end)
    {
        private DateTimeOffset shiftedDue = due;
        private DateTimeOffset? pausedSince;
        private TimeSpan late;
        private DateTimeOffset? dayBegan;
        private (DateTimeOffset Until, Charge Charge)? ownLimit;

        public ImmutableArray<DelayShare>.Builder Shares { get; } = ImmutableArray.CreateBuilder<DelayShare>();

        public int DaysLate { get; private set; }

        public DateTimeOffset DueAt => shiftedDue;

        public void Run(List<TransitionRecord> records)
        {
            for (var i = 0; i < records.Count && records[i].OccurredAt < end; i++)
            {
                var r = records[i];
                var at = r.OccurredAt;
                switch (r.Trigger)
                {
                    case DocumentTrigger.ReturnToApplicant:
                        pausedSince ??= at;
                        break;
                    case DocumentTrigger.Resubmit when pausedSince is { } since:
                        shiftedDue += at - since;
                        pausedSince = null;
                        break;
                }

                if (i > 0 && r.Trigger is DocumentTrigger.Escalate or DocumentTrigger.Appeal or DocumentTrigger.SecondAppeal or DocumentTrigger.AllowAppeal
                    && Time(r.Attribute(RecordAttributes.DueAt)) is { } ownDue)
                {
                    // The new holder has a limit of their own: within it the officer in default before them stays answerable.
                    ownLimit = (ownDue, ChargeAt(at, records[i - 1].Holder));
                }

                var until = i + 1 < records.Count && records[i + 1].OccurredAt < end ? records[i + 1].OccurredAt : end;
                if (pausedSince is null)
                {
                    Hold(r.Holder, at > shiftedDue ? at : shiftedDue, until);
                }
            }
        }

        private void Hold(PostId holder, DateTimeOffset from, DateTimeOffset until)
        {
            if (from >= until)
            {
                return;
            }

            dayBegan ??= from;
            var x = from;
            while (true)
            {
                var needed = (Day * (DaysLate + 1)) - late;
                if (x + needed > until)
                {
                    late += until - x;
                    return;
                }

                x += needed;
                late += needed;
                DaysLate++;
                Charge(ChargeAt(x, holder), dayBegan.Value, x);
                dayBegan = x;
            }
        }

        private void Charge(Charge charge, DateTimeOffset from, DateTimeOffset to)
        {
            // The cap is per officer: each officer's own delay on the application accrues at most the cap.
            var charged = Shares.Where(s => s.Officer == charge.Officer).Sum(s => s.Amount);
            var amount = Math.Max(0, Math.Min(rule.PerDay, rule.Cap - charged));
            if (Shares.Count > 0 && Shares[^1] is var last && last.Officer == charge.Officer && last.Post == charge.Post && last.Capacity == charge.Capacity)
            {
                Shares[^1] = last with { Days = last.Days + 1, To = to, Amount = last.Amount + amount };
            }
            else
            {
                Shares.Add(new DelayShare(charge.Officer, charge.Post, charge.Capacity, DaysLate, 1, from, to, amount));
            }
        }

        private Charge ChargeAt(DateTimeOffset at, PostId holder)
        {
            if (ownLimit is { } limit && at <= limit.Until)
            {
                return limit.Charge;
            }

            if (!organisation.ContainsPost(holder))
            {
                return new Charge(null, holder, ActingCapacity.None);
            }

            if (organisation.DelegateOf(holder, at) is { } inCharge)
            {
                return new Charge(First(organisation.HoldersOf(inCharge, at)), holder, ActingCapacity.Delegate);
            }

            return new Charge(First(organisation.HoldersOf(holder, at)), holder, ActingCapacity.Holder);
        }

        private static OfficerId? First(IEnumerable<OfficerId> officers) => officers.Select(o => (OfficerId?)o).FirstOrDefault();
    }
}
