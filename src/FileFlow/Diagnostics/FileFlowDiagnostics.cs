namespace FileFlow.Diagnostics;

/// <summary>The names under which FileFlow publishes traces and metrics, so OpenTelemetry subscribes with <c>.AddSource(FileFlowDiagnostics.ActivitySourceName)</c> and <c>.AddMeter(FileFlowDiagnostics.MeterName)</c>.</summary>
/// <remarks>Tags carry identifiers, triggers, states and posts only: never noting text, reasons, keys or passwords.</remarks>
public static class FileFlowDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> that traces each action: "FileFlow".</summary>
    public const string ActivitySourceName = "FileFlow";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that counts and times actions: "FileFlow".</summary>
    public const string MeterName = "FileFlow";

    /// <summary>The counter of actions, tagged with <see cref="TriggerTag"/> and <see cref="OutcomeTag"/>.</summary>
    public const string ActionsCounter = "fileflow.actions";

    /// <summary>The histogram of whole-action durations in milliseconds, tagged with <see cref="TriggerTag"/>.</summary>
    public const string ActionDurationHistogram = "fileflow.action.duration";

    /// <summary>The histogram of signing durations in milliseconds (one per signed record).</summary>
    public const string SigningDurationHistogram = "fileflow.signing.duration";

    /// <summary>The histogram of store append durations in milliseconds (one per atomic batch).</summary>
    public const string StoreDurationHistogram = "fileflow.store.duration";

    /// <summary>The counter of time-limit breaches escalated by operation of law, tagged with <see cref="ServiceTag"/> and <see cref="EscalationLevelTag"/>.</summary>
    public const string EscalationsCounter = "fileflow.escalations";

    /// <summary>The tag naming the document acted on.</summary>
    public const string DocumentTag = "fileflow.document";

    /// <summary>The tag naming the trigger fired.</summary>
    public const string TriggerTag = "fileflow.trigger";

    /// <summary>The tag naming the officer who acted.</summary>
    public const string ActorTag = "fileflow.actor";

    /// <summary>The tag naming the post the document moved from (the post the actor acted for).</summary>
    public const string FromTag = "fileflow.from";

    /// <summary>The tag naming the post holding the document after the action.</summary>
    public const string ToTag = "fileflow.to";

    /// <summary>The tag naming the document's state after the action.</summary>
    public const string StateTag = "fileflow.state";

    /// <summary>The tag naming the record's sequence number.</summary>
    public const string SequenceTag = "fileflow.sequence";

    /// <summary>The tag saying how an action ended: <c>ok</c>, <c>replayed</c> (a retry of an action that had landed) or <c>failed</c>.</summary>
    public const string OutcomeTag = "fileflow.outcome";

    /// <summary>The tag naming a file's service.</summary>
    public const string ServiceTag = "fileflow.service";

    /// <summary>The tag giving an escalation's level (1 first appellate officer, 2 second appellate authority).</summary>
    public const string EscalationLevelTag = "fileflow.escalation.level";

    /// <summary>The tag naming a store operation.</summary>
    public const string StoreOperationTag = "fileflow.store.operation";
}
