using System.Collections.Frozen;
using System.Diagnostics;
using FileFlow.Diagnostics;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Storage;
using Microsoft.Extensions.Logging;

namespace FileFlow.Engine;

/// <content>Logs, traces and metrics around each action; best-effort, never a reason for an action to fail.</content>
public sealed partial class FileFlowEngine
{
    private readonly EngineInstruments instruments;
    private readonly ILogger logger;

    /// <summary>Starts the span, clock and log scope of one action; dispose it, after <see cref="ActionScope.Complete"/> when the action landed.</summary>
    private ActionScope BeginAction(DocumentId? document, DocumentTrigger trigger, OfficerId actor) => new(this, document, trigger, actor);

    /// <summary>Appends a batch to the store, recording how long the store took.</summary>
    private ValueTask TimedAppendAsync(List<RecordAppend> batch, CancellationToken cancellationToken) =>
        instruments.StoreDuration.Enabled ? MeasuredAppendAsync(batch, cancellationToken) : store.AppendAsync(batch, cancellationToken);

    private async ValueTask MeasuredAppendAsync(List<RecordAppend> batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await store.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            instruments.StoreDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>(FileFlowDiagnostics.StoreOperationTag, "append"));
        }
    }

    /// <summary>Counts and logs an escalation that landed.</summary>
    private void OnEscalated(ActionResult result, string service, int level)
    {
        instruments.Escalations.Add(
            1,
            new KeyValuePair<string, object?>(FileFlowDiagnostics.ServiceTag, service),
            new KeyValuePair<string, object?>(FileFlowDiagnostics.EscalationLevelTag, level));
        EngineLog.Escalated(logger, service, result.Record.DocumentId, level, result.Record.Record.ActingAs, result.Record.Record.Holder);
    }

    /// <summary>One action's telemetry: a span tagged with the document, trigger, actor and movement, a duration, a count and a log line.</summary>
    private sealed class ActionScope : IDisposable
    {
        // One span name per trigger, built once rather than concatenated on every action.
        private static readonly FrozenDictionary<DocumentTrigger, string> ActivityNames =
            Enum.GetValues<DocumentTrigger>().ToFrozenDictionary(t => t, t => "FileFlow." + t);

        private readonly FileFlowEngine engine;
        private readonly DocumentTrigger trigger;
        private readonly OfficerId actor;
        private readonly Activity? activity;
        private readonly long started = Stopwatch.GetTimestamp();
        private DocumentId? document;
        private bool completed;

        public ActionScope(FileFlowEngine engine, DocumentId? document, DocumentTrigger trigger, OfficerId actor)
        {
            this.engine = engine;
            this.document = document;
            this.trigger = trigger;
            this.actor = actor;
            activity = EngineInstruments.Source.HasListeners() ? EngineInstruments.Source.StartActivity(ActivityName(trigger), ActivityKind.Internal) : null;
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(FileFlowDiagnostics.TriggerTag, trigger.ToString());
                activity.SetTag(FileFlowDiagnostics.ActorTag, actor.Value);
                if (document is { } id)
                {
                    activity.SetTag(FileFlowDiagnostics.DocumentTag, id.ToString());
                }
            }
        }

        /// <summary>Records the landed action and returns it unchanged.</summary>
        public ActionResult Complete(ActionResult result)
        {
            completed = true;
            var record = result.Record.Record;
            document = record.DocumentId;
            var outcome = result.Replayed ? "replayed" : "ok";
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(FileFlowDiagnostics.DocumentTag, record.DocumentId.ToString());
                activity.SetTag(FileFlowDiagnostics.FromTag, record.ActingAs.Value);
                activity.SetTag(FileFlowDiagnostics.ToTag, record.Holder.Value);
                activity.SetTag(FileFlowDiagnostics.StateTag, record.To.ToString());
                activity.SetTag(FileFlowDiagnostics.SequenceTag, record.Sequence);
                activity.SetTag(FileFlowDiagnostics.OutcomeTag, outcome);
                activity.SetStatus(ActivityStatusCode.Ok);
            }

            if (result.Replayed)
            {
                EngineLog.ActionReplayed(engine.logger, trigger, record.DocumentId, actor, record.Sequence);
            }
            else
            {
                EngineLog.ActionStored(engine.logger, trigger, record.Kind, record.DocumentId, actor, record.ActingAs, record.Holder, record.From, record.To, record.Sequence);
            }

            Count(outcome);
            return result;
        }

        public void Dispose()
        {
            if (!completed)
            {
                completed = true;
                activity?.SetTag(FileFlowDiagnostics.OutcomeTag, "failed");
                activity?.SetStatus(ActivityStatusCode.Error, "the action failed; nothing was stored");
                EngineLog.ActionFailed(engine.logger, trigger, document, actor);
                Count("failed");
            }

            activity?.Dispose();
        }

        private static string ActivityName(DocumentTrigger trigger) =>
            ActivityNames.TryGetValue(trigger, out var name) ? name : "FileFlow." + trigger;

        private void Count(string outcome)
        {
            if (!engine.instruments.Actions.Enabled && !engine.instruments.ActionDuration.Enabled)
            {
                return; // nobody listening: no tags built
            }

            var triggerTag = new KeyValuePair<string, object?>(FileFlowDiagnostics.TriggerTag, trigger.ToString());
            engine.instruments.Actions.Add(1, triggerTag, new KeyValuePair<string, object?>(FileFlowDiagnostics.OutcomeTag, outcome));
            engine.instruments.ActionDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, triggerTag);
        }
    }
}
