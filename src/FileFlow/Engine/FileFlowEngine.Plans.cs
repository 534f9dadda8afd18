using System.Collections.Immutable;
using System.Globalization;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Routing;
using FileFlow.Services;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <content>What an action must satisfy and what it sets, beyond the machine: receipt of physical papers, clearance, the acknowledgment gate, appeals, drafts for approval.</content>
public sealed partial class FileFlowEngine
{
    private static void CheckGuards(DocumentHead head, DocumentAction action)
    {
        if (head.AwaitingReceipt && action.Trigger is not (DocumentTrigger.Receive or DocumentTrigger.Recall))
        {
            throw new NotReceivedException(head.Id, action.Trigger);
        }

        if (action.Trigger == DocumentTrigger.Receive && !head.AwaitingReceipt)
        {
            throw new InvalidActionException(head.Id, action.Trigger, head.Physical ? "it has already been received." : "only a physical document sent on is marked received.");
        }

        if (action.Trigger == DocumentTrigger.Open && head.LastTrigger == DocumentTrigger.Open)
        {
            throw new InvalidActionException(head.Id, action.Trigger, "it has already been opened since it arrived.");
        }
    }

    private void CheckClearance(DocumentHead head, PostId next, DocumentTrigger trigger, DateTimeOffset now)
    {
        if (head.Grading == SecurityGrading.Normal || next == head.Holder)
        {
            return;
        }

        var holders = organisation.HoldersOf(next, now).ToList();
        if (holders.Count > 0 && !holders.Any(o => organisation.GetOfficer(o).Clearance >= head.Grading))
        {
            throw new InsufficientClearanceException(head.Id, head.Grading, next);
        }

        _ = trigger;
    }

    // A file that has not reached a deciding officer (a draft, returned, recalled): only an appellate officer it was escalated to decides it there.
    private static bool IsUnforwardedFile(DocumentHead head) =>
        head.Kind == DocumentKind.File && head.State is DocumentState.Draft or DocumentState.Returned or DocumentState.Recalled;

    // To see, act on or write in a graded document an officer needs the clearance for it, unless they created it (a dealing assistant diarising confidential dak).
    private void CheckActorClearance(DocumentHead head, OfficerId actor)
    {
        if (head.Grading == SecurityGrading.Normal || head.Creator == actor)
        {
            return;
        }

        var clearance = organisation.GetOfficer(actor).Clearance;
        if (clearance < head.Grading)
        {
            throw new InsufficientClearanceException(head.Id, head.Grading, actor, clearance);
        }
    }

    private ServiceDefinition ServiceOf(DocumentHead head, string serviceId) =>
        head.ServiceVersion is { } v ? services!.Get(serviceId, v) : services!.Get(serviceId);

    private PostId RolePost(DocumentHead head, string role, DocumentTrigger trigger) =>
        organisation.ResolveRole(role, head.CreatedBy)?.Id
            ?? throw new RoutingException(trigger, $"No post in the organisation has role '{role}' for file {head.Id}.");

    private async ValueTask<(ImmutableSortedDictionary<string, string> Attributes, PostId? Holder)> PlanAsync(
        DocumentHead head, DocumentAction action, PostId actingAs, DateTimeOffset now, ImmutableSortedDictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        var a = attributes.ToBuilder();
        PostId? holder = null;
        var service = services is not null && head.ServiceId is { } sid && services.Contains(sid) ? ServiceOf(head, sid) : null;

        switch (action.Trigger)
        {
            case DocumentTrigger.Acknowledge:
                if (service is null || !requireAcknowledgment)
                {
                    throw new InvalidActionException(head.Id, action.Trigger, "only service files are acknowledged, and only with the acknowledgment gate on (the clock otherwise starts when the file is opened).");
                }

                if (head.DueAt is not null)
                {
                    throw new InvalidActionException(head.Id, action.Trigger, "the application has already been acknowledged.");
                }

                a[RecordAttributes.ClockStart] = RecordAttributes.FormatTime(now);
                a[RecordAttributes.DueAt] = RecordAttributes.FormatTime(clock.DueAt(now, service.TimeLimit));
                holder = head.Holder;
                break;

            case DocumentTrigger.Reject when service is not null && head.Kind == DocumentKind.File:
                // A rejection tells the applicant whom to appeal to, and by when.
                a[RecordAttributes.AppealTo] = RolePost(head, service.Appeals.FirstAppellate, action.Trigger).Value;
                a[RecordAttributes.AppealBy] = RecordAttributes.FormatTime(now.AddDays(service.Appeals.FirstAppealWindowDays));
                break;

            case DocumentTrigger.Appeal:
            {
                var s = service ?? throw new InvalidActionException(head.Id, action.Trigger, "only service files can be appealed.");
                ThrowUnlessAppealStage(head, action, now);
                var appealBy = head.State == DocumentState.Rejected
                    ? await LastAppealByAsync(head.Id, cancellationToken).ConfigureAwait(false)
                    : DefaultSince(head, now)!.Value.AddDays(s.Appeals.FirstAppealWindowDays);
                CheckWindow(head, appealBy, action, now, a);
                holder = RolePost(head, s.Appeals.FirstAppellate, action.Trigger);
                a[RecordAttributes.AppealLevel] = "1";
                a[RecordAttributes.DueAt] = RecordAttributes.FormatTime(now.AddDays(s.Appeals.FirstAppealDecisionDays));
                break;
            }

            case DocumentTrigger.SecondAppeal:
            {
                var s = service ?? throw new InvalidActionException(head.Id, action.Trigger, "only service files can be appealed.");
                var ownMotion = head.Applicant != action.Actor;
                ThrowUnlessAppealStage(head, action, now);
                if (!ownMotion)
                {
                    var appealBy = head.State == DocumentState.Rejected
                        ? await LastAppealByAsync(head.Id, cancellationToken).ConfigureAwait(false)
                        : DefaultSince(head, now)!.Value.AddDays(s.Appeals.SecondAppealWindowDays);
                    CheckWindow(head, appealBy, action, now, a);
                }
                else if (action.DelayCause is not null)
                {
                    throw new InvalidActionException(head.Id, action.Trigger, "a second appeal on the authority's own motion has no window and no cause for delay.");
                }
                else
                {
                    a[RecordAttributes.OwnMotion] = "true";
                }

                holder = RolePost(head, s.Appeals.SecondAppellate, action.Trigger);
                a[RecordAttributes.AppealLevel] = "2";
                a[RecordAttributes.DueAt] = RecordAttributes.FormatTime(now.AddDays(s.Appeals.SecondAppealDecisionDays));
                break;
            }

            case DocumentTrigger.ExtendAppealTime:
            {
                var s = service ?? throw new InvalidActionException(head.Id, action.Trigger, "only service files have appeals to decide.");
                ThrowUnlessAppealStage(head, action, now);
                var (filed, extended) = await FirstAppealAsync(head.Id, cancellationToken).ConfigureAwait(false);
                if (extended)
                {
                    throw new InvalidActionException(head.Id, action.Trigger, "the time to decide the first appeal has already been extended; it is extended once.");
                }

                a[RecordAttributes.DueAt] = RecordAttributes.FormatTime(filed.AddDays(s.Appeals.FirstAppealExtendedDays!.Value));
                break;
            }

            case DocumentTrigger.AllowAppeal or DocumentTrigger.DismissAppeal:
            {
                var s = service!;
                AddPenalties(head, action, s, a);
                if (action.Trigger == DocumentTrigger.AllowAppeal)
                {
                    var days = action.DeliverWithinDays ?? 15;
                    ArgumentOutOfRangeException.ThrowIfLessThan(days, 1, nameof(action));
                    holder = RolePost(head, head.Authority ?? s.Route.Authority, action.Trigger);
                    a[RecordAttributes.DeliverWithinDays] = days.ToString(CultureInfo.InvariantCulture);
                    a[RecordAttributes.DueAt] = RecordAttributes.FormatTime(now.AddDays(days));
                }
                else if (head.AppealLevel == 1)
                {
                    a[RecordAttributes.AppealTo] = RolePost(head, s.Appeals.SecondAppellate, action.Trigger).Value;
                    a[RecordAttributes.AppealBy] = RecordAttributes.FormatTime(now.AddDays(s.Appeals.SecondAppealWindowDays));
                }

                break;
            }

            case DocumentTrigger.Dispatch:
                // The dispatch number is allocated with the record, once every check has passed (AllocateNumbersAsync).
                a[RecordAttributes.Addressee] = action.Addressee!;
                break;

            case DocumentTrigger.Issue:
                organisation.GetPost(action.Recipient!.Value);
                a[RecordAttributes.Addressee] = action.Recipient.Value.Value;
                holder = head.Holder;
                break;
        }

        return (a.ToImmutable(), holder);
    }

    private void ThrowUnlessAppealStage(DocumentHead head, DocumentAction action, DateTimeOffset now)
    {
        if (AppealStageProblem(head, action.Trigger, action.Actor, now) is { } problem)
        {
            throw new InvalidActionException(head.Id, action.Trigger, problem);
        }
    }

    /// <summary>Why an appeal cannot be filed at the file's stage (apart from its window, which a cause for delay may overcome), or null when it
    /// can: the one rule the plan enforces and <see cref="PermittedTriggersAsync(DocumentId, OfficerId, CancellationToken)"/> shows.</summary>
    private string? AppealStageProblem(DocumentHead head, DocumentTrigger trigger, OfficerId actor, DateTimeOffset now)
    {
        switch (trigger)
        {
            case DocumentTrigger.Appeal:
                if (head.AppealLevel != 0)
                {
                    return "a first appeal has already been filed; the next step is a second appeal.";
                }

                return head.State != DocumentState.Rejected && DefaultSince(head, now) is null ? "there is no rejection or default to appeal against yet." : null;

            case DocumentTrigger.ExtendAppealTime:
                var extendable = services is not null && head.ServiceId is { } sid && services.Contains(sid) ? ServiceOf(head, sid).Appeals.FirstAppealExtendedDays : null;
                return head.AppealLevel != 1 ? "only a first appeal's time to be decided can be extended."
                    : extendable is null ? $"the '{head.ServiceId}' service allows no extension of the time to decide a first appeal."
                    : head.DueAt is { } due && now > due ? "the first appeal's time to be decided has passed; an extension is recorded within it."
                    : null;

            case DocumentTrigger.SecondAppeal:
                var ownMotion = head.Applicant != actor;
                if (head.AppealLevel != 1 && !(ownMotion && DefaultSince(head, now) is not null))
                {
                    return "a second appeal lies against the first appeal's order, or a default on it.";
                }

                return !ownMotion && head.State != DocumentState.Rejected && DefaultSince(head, now) is null
                    ? head.State == DocumentState.UnderAppeal
                        ? "the first appeal is still within its time to be decided."
                        : "the first appeal's order has not been defaulted on: its delivery date has not passed."
                    : null;

            default:
                return null;
        }
    }

    private DateTimeOffset? DefaultSince(DocumentHead head, DateTimeOffset now) =>
        head.DueAt is { } due ? (now > due ? due : null)
        : requireAcknowledgment && head.ServiceId is not null ? head.CreatedAt   // never acknowledged: the applicant may appeal directly
        : null;

    private static void CheckWindow(DocumentHead head, DateTimeOffset? appealBy, DocumentAction action, DateTimeOffset now, ImmutableSortedDictionary<string, string>.Builder a)
    {
        if (appealBy is { } closes && now > closes)
        {
            // The grounds of appeal go in the reason; the cause for delay is a separate statement the appellate officer condones or not.
            a[RecordAttributes.DelayCause] = !string.IsNullOrWhiteSpace(action.DelayCause)
                ? action.DelayCause
                : throw new AppealWindowClosedException(head.Id, closes);
        }
        else if (action.DelayCause is not null)
        {
            throw new InvalidActionException(head.Id, action.Trigger, "the appeal is within its window; it needs no cause for delay.");
        }
    }

    private void AddPenalties(DocumentHead head, DocumentAction action, ServiceDefinition service, ImmutableSortedDictionary<string, string>.Builder a)
    {
        if (action.Penalties.IsEmpty)
        {
            return;
        }

        if (head.AppealLevel < 2)
        {
            throw new InvalidActionException(head.Id, action.Trigger, "penalties are imposed by the second appellate authority.");
        }

        foreach (var (officer, amount) in action.Penalties)
        {
            organisation.GetOfficer(new OfficerId(officer));
            if (amount <= 0 || amount > service.Penalty.Cap)
            {
                throw new InvalidActionException(head.Id, action.Trigger, $"a penalty of Rs {amount} on '{officer}' is outside 1 to the cap of Rs {service.Penalty.Cap}.");
            }

            a[RecordAttributes.PenaltyPrefix + officer] = amount.ToString(CultureInfo.InvariantCulture);
        }

        a[RecordAttributes.Compensation] = action.Compensation ? "true" : "false";
    }

    // When the last first appeal was filed, and whether its time to be decided was extended since.
    private async ValueTask<(DateTimeOffset Filed, bool Extended)> FirstAppealAsync(DocumentId id, CancellationToken cancellationToken)
    {
        (DateTimeOffset Filed, bool Extended) appeal = default;
        await foreach (var r in store.ReadStreamAsync(id, cancellationToken).ConfigureAwait(false))
        {
            appeal = r.Record.Trigger switch
            {
                DocumentTrigger.Appeal => (r.Record.OccurredAt, false),
                DocumentTrigger.ExtendAppealTime => (appeal.Filed, true),
                _ => appeal,
            };
        }

        return appeal;
    }

    private async ValueTask<DateTimeOffset?> LastAppealByAsync(DocumentId id, CancellationToken cancellationToken)
    {
        DateTimeOffset? last = null;
        await foreach (var r in store.ReadStreamAsync(id, cancellationToken).ConfigureAwait(false))
        {
            if (r.Record.Attribute(RecordAttributes.AppealBy) is { } text)
            {
                last = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
            }
        }

        return last;
    }
}
