using FileFlow.Documents;

namespace FileFlow.Engine;

/// <summary>The trigger is not permitted in the document's current state; nothing was stored.</summary>
public sealed class TransitionNotPermittedException : FileFlowException
{
    /// <summary>Initializes a new instance with the state, the trigger and the triggers that are permitted.</summary>
    public TransitionNotPermittedException(DocumentId documentId, DocumentKind kind, DocumentState state, DocumentTrigger trigger, IReadOnlyList<DocumentTrigger> permitted)
        : base($"{kind} {documentId} is {state}: '{trigger}' is not permitted. Permitted: {(permitted.Count == 0 ? "none" : string.Join(", ", permitted))}.")
    {
        DocumentId = documentId;
        Kind = kind;
        State = state;
        Trigger = trigger;
        PermittedTriggers = permitted;
    }

    /// <summary>Gets the document.</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Gets the document's kind.</summary>
    public DocumentKind Kind { get; }

    /// <summary>Gets the document's state.</summary>
    public DocumentState State { get; }

    /// <summary>Gets the trigger that was refused.</summary>
    public DocumentTrigger Trigger { get; }

    /// <summary>Gets the triggers permitted in <see cref="State"/>.</summary>
    public IReadOnlyList<DocumentTrigger> PermittedTriggers { get; }
}
