using FileFlow.Documents;
using FileFlow.Organisation;
using Microsoft.Extensions.Logging;

namespace FileFlow.Diagnostics;

/// <summary>The engine's structured log messages; they carry identifiers, triggers, states and posts, never content, reasons or key material.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 1, EventName = "ActionStored", Level = LogLevel.Information,
        Message = "{Trigger} on {Kind} {Document} by {Actor}: {From} -> {To}, {FromState} -> {ToState}, sequence {Sequence}")]
    public static partial void ActionStored(
        ILogger logger, DocumentTrigger trigger, DocumentKind kind, DocumentId document, OfficerId actor, PostId from, PostId to, DocumentState fromState, DocumentState toState, long sequence);

    [LoggerMessage(EventId = 2, EventName = "ActionReplayed", Level = LogLevel.Information,
        Message = "{Trigger} on {Document} by {Actor} had already landed (sequence {Sequence}); returned the stored result")]
    public static partial void ActionReplayed(ILogger logger, DocumentTrigger trigger, DocumentId document, OfficerId actor, long sequence);

    [LoggerMessage(EventId = 3, EventName = "ActionFailed", Level = LogLevel.Warning,
        Message = "{Trigger} on {Document} by {Actor} failed; nothing was stored")]
    public static partial void ActionFailed(ILogger logger, DocumentTrigger trigger, DocumentId? document, OfficerId actor);

    [LoggerMessage(EventId = 4, EventName = "Escalated", Level = LogLevel.Warning,
        Message = "Time limit of {Service} file {Document} passed: escalated to level {Level}, {From} -> {To}")]
    public static partial void Escalated(ILogger logger, string service, DocumentId document, int level, PostId from, PostId to);
}
