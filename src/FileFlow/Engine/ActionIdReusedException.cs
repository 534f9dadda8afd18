using FileFlow.Documents;

namespace FileFlow.Engine;

/// <summary>An action id that already landed was sent again with a different request (another document, trigger, actor or arguments); nothing was stored. Give each action its own id, and retry an action only with the request it was first sent with.</summary>
public sealed class ActionIdReusedException : FileFlowException
{
    /// <summary>Initializes a new instance naming the action id, the document its first action landed on, and what differs.</summary>
    public ActionIdReusedException(Guid actionId, DocumentId landedOn, string difference)
        : base($"Action id {actionId} already landed on document {landedOn} as a different action: {difference}. Use a new action id for a new action.")
    {
        ActionId = actionId;
        LandedOn = landedOn;
        Difference = difference;
    }

    /// <summary>Gets the reused action id.</summary>
    public Guid ActionId { get; }

    /// <summary>Gets the document the action that first used the id landed on.</summary>
    public DocumentId LandedOn { get; }

    /// <summary>Gets what differs between the two requests (the document, trigger, actor, or arguments).</summary>
    public string Difference { get; }
}
