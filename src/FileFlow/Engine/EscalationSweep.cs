using System.Runtime.CompilerServices;
using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.Machines;
using FileFlow.Services;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <summary>Finds the service files due for escalation by operation of law: pending, past their due date, not paused with the applicant, below the
/// second appellate level, and with an appellate officer strictly above the post in default. The engine signs and appends each escalation.</summary>
internal sealed class EscalationSweep(IDocumentStore store, ServiceCatalog services, AuthorityPolicy authority)
{
    private static readonly DocumentMachine Machine = DocumentMachine.For(DocumentKind.File);

    /// <summary>Streams the files overdue at <paramref name="now"/> with where each escalates to.</summary>
    public async IAsyncEnumerable<Due> DueAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DocumentQuery { Kind = DocumentKind.File, PendingOnly = true, DueBefore = now, Limit = 500 };
        await foreach (var head in store.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (head.ServiceId is not { } serviceId || !services.Contains(serviceId) || head.PausedAt is not null
                || head.EscalationLevel >= 2 || Machine.TryFire(head.State, DocumentTrigger.Escalate) is not { } to)
            {
                continue;
            }

            var service = head.ServiceVersion is { } v ? services.Get(serviceId, v) : services.Get(serviceId);
            // Strictly above the post in default: appellate levels that resolve to the same post, a lower one or a vacant one are skipped.
            if (authority.EscalationTargetFor(head, service, now) is { } target)
            {
                yield return new Due(head, service, target, to);
            }
        }
    }

    /// <summary>One file due for escalation: its head, its service definition, the appellate level and post it goes to, and its state after.</summary>
    internal sealed record Due(DocumentHead Head, ServiceDefinition Service, EscalationTarget Target, DocumentState To);
}
