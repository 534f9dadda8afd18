using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FileFlow.Documents;
using FileFlow.Machines;
using FileFlow.Organisation;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <content>Escalation of overdue service files by operation of law.</content>
public sealed partial class FileFlowEngine
{
    /// <summary>Escalates every pending service file past its due date: to the first appellate officer, and when that officer's limit passes too, to the second appellate authority. Each escalation is a record signed by the system officer.</summary>
    /// <remarks>Idempotent and safe to run from several processes at once: an escalation's action id is derived from the document and level, so it lands exactly once.</remarks>
    /// <returns>The escalations made by this call.</returns>
    /// <exception cref="InvalidOperationException">The engine was built with no <see cref="FileFlowEngineOptions.SystemOfficer"/>, so it makes no escalations.</exception>
    public async Task<IReadOnlyList<ActionResult>> EscalateOverdueAsync(CancellationToken cancellationToken = default)
    {
        if (services is null)
        {
            return [];
        }

        if (this.systemOfficer is not { } systemOfficer)
        {
            throw new InvalidOperationException("This engine was built with no SystemOfficer (FileFlowEngineOptions.SystemOfficer is null), so it makes no escalations; build it with the officer who signs them.");
        }

        var now = Now();
        var made = new List<ActionResult>();
        await foreach (var (head, service, target, to) in new EscalationSweep(store, services, authority).DueAsync(now, cancellationToken).ConfigureAwait(false))
        {
            var serviceId = service.Id;
            var (level, role) = (target.Level, target.Role);

            var days = level == 1 ? service.Appeals.FirstAppealDecisionDays : service.Appeals.SecondAppealDecisionDays;
            var attributes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
            {
                [RecordAttributes.Escalation] = level.ToString(CultureInfo.InvariantCulture),
                [RecordAttributes.OverdueSince] = RecordAttributes.FormatTime(head.DueAt!.Value),
                [RecordAttributes.DueAt] = RecordAttributes.FormatTime(now.AddDays(days)),
                [RecordAttributes.Request] = ActionRequest.Escalation(head.Id, level, systemOfficer).Fingerprint,
                [RecordAttributes.Reason] = $"time limit passed: escalated to the {(level == 1 ? "first appellate officer" : "second appellate authority")} ({role})",
            });
            var actionId = EscalationActionId(head.Id, level);
            using var telemetry = BeginAction(head.Id, DocumentTrigger.Escalate, systemOfficer);
            var decision = await routing.RouteAsync(
                new Routing.RoutingContext(head, head.Kind, DocumentTrigger.Escalate, systemOfficer, head.Holder, target.Post, organisation, now),
                cancellationToken).ConfigureAwait(false);
            var signer = signers.GetSigner(systemOfficer);
            var draft = new RecordDraft(head.Kind, DocumentTrigger.Escalate, to, systemOfficer, head.Holder, ActingCapacity.System, decision.NextHolder, actionId, now, attributes) { Before = head };
            var append = await draft.SignAsync(signer, cancellationToken).ConfigureAwait(false);
            try
            {
                var result = telemetry.Complete(await AppendAsync([append], actionId, ActionRequest.Escalation(head.Id, level, systemOfficer), cancellationToken).ConfigureAwait(false));
                if (!result.Replayed)
                {
                    made.Add(result);
                    OnEscalated(result, serviceId, level);
                }
            }
            catch (ConcurrencyException)
            {
                // Someone acted on the file meanwhile; the next sweep looks again.
            }
        }

        return made;
    }

    private static Guid EscalationActionId(DocumentId document, int level)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"fileflow-escalation/{document}/{level}"), hash);
        return new Guid(hash[..16]);
    }
}
