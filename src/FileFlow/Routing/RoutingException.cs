using FileFlow.Documents;

namespace FileFlow.Routing;

/// <summary>An action could not be routed: no recipient was given where one is needed, or the route does not allow the one given; nothing was stored.</summary>
public sealed class RoutingException : FileFlowException
{
    /// <summary>Initializes a new instance naming the trigger and the problem.</summary>
    public RoutingException(DocumentTrigger trigger, string message)
        : base(message)
    {
        Trigger = trigger;
    }

    /// <summary>Gets the trigger that could not be routed.</summary>
    public DocumentTrigger Trigger { get; }
}
