using FileFlow.Documents;

namespace FileFlow.Routing;

/// <summary>Wraps a rule: when the post it sends a document to is away under a delegation in force, the document goes to the delegate post instead.</summary>
/// <remarks>Thread-safe if the inner rule is.</remarks>
public sealed class DelegationRouting(IRoutingRule inner) : IRoutingRule
{
    /// <inheritdoc />
    public async ValueTask<RoutingDecision> RouteAsync(RoutingContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decision = await inner.RouteAsync(context, cancellationToken).ConfigureAwait(false);
        if (context.Trigger is not (DocumentTrigger.Forward or DocumentTrigger.Return or DocumentTrigger.Escalate) || decision.NextHolder == context.ActingAs)
        {
            return decision;
        }

        return context.Organisation.DelegateOf(decision.NextHolder, context.At) is { } delegatePost
            ? decision with { NextHolder = delegatePost, Note = Join(decision.Note, $"delegated: {decision.NextHolder} to {delegatePost}") }
            : decision;
    }

    private static string Join(string? first, string second) => string.IsNullOrEmpty(first) ? second : first + "; " + second;
}
