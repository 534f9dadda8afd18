using FileFlow.Organisation;

namespace FileFlow.Routing;

/// <summary>The post that holds a document after an action, and why.</summary>
/// <param name="NextHolder">The post that will hold the document.</param>
/// <param name="Note">A short explanation (for example "delegated: SO on leave"), written into the record when not empty.</param>
public sealed record RoutingDecision(PostId NextHolder, string? Note = null);
