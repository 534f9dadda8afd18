namespace FileFlow.Routing;

/// <summary>Decides who holds a document after an action: the seam where service routes, thresholds, delegation and escalation plug in.</summary>
/// <remarks>Implementations are thread-safe and pure: the same context gives the same decision.</remarks>
public interface IRoutingRule
{
    /// <summary>Decides the next holder for the action described by <paramref name="context"/>.</summary>
    /// <exception cref="RoutingException">The action cannot be routed (no recipient, a recipient the route does not allow).</exception>
    ValueTask<RoutingDecision> RouteAsync(RoutingContext context, CancellationToken cancellationToken = default);
}
