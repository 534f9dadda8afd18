using FileFlow.Documents;

namespace FileFlow.Engine;

/// <summary>An action's arguments are wrong for it (a rejection without a reason, a receipt that cannot be put in a file, a recall the sender may not make); nothing was stored.</summary>
public sealed class InvalidActionException : FileFlowException
{
    /// <summary>Initializes a new instance naming the document, trigger and problem.</summary>
    public InvalidActionException(DocumentId documentId, DocumentTrigger trigger, string problem)
        : base($"'{trigger}' on document {documentId} refused: {problem}")
    {
        DocumentId = documentId;
        Trigger = trigger;
        Problem = problem;
    }

    /// <summary>Gets the document.</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Gets the trigger refused.</summary>
    public DocumentTrigger Trigger { get; }

    /// <summary>Gets what is wrong.</summary>
    public string Problem { get; }
}
