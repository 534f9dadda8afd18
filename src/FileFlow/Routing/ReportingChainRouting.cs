using FileFlow.Documents;

namespace FileFlow.Routing;

/// <summary>A hierarchical rule for general files: a forward with no recipient goes to the post the holder reports to, and a named recipient must be higher in level; other triggers follow the inner rule.</summary>
public sealed class ReportingChainRouting(IRoutingRule inner) : IRoutingRule
{
    /// <inheritdoc />
    public ValueTask<RoutingDecision> RouteAsync(RoutingContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Trigger != DocumentTrigger.Forward)
        {
            return inner.RouteAsync(context, cancellationToken);
        }

        var from = context.Organisation.GetPost(context.ActingAs);
        if (context.RequestedRecipient is not { } recipient)
        {
            return from.ReportsTo is { } boss
                ? ValueTask.FromResult(new RoutingDecision(boss, "up the reporting chain"))
                : throw new RoutingException(context.Trigger, $"Post '{from.Id}' reports to no one; name the recipient.");
        }

        var to = context.Organisation.GetPost(recipient);
        return to.Level > from.Level
            ? inner.RouteAsync(context, cancellationToken)
            : throw new RoutingException(context.Trigger, $"Post '{to.Id}' (level {to.Level}) is not above '{from.Id}' (level {from.Level}); files move up the chain by forward and down by return.");
    }
}
