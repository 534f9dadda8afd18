using FileFlow.Documents;

namespace FileFlow.Routing;

/// <summary>Wraps a rule: when the post it sends a document to is away under a delegation in force, the document goes to the delegate's own post instead.</summary>
/// <remarks>
/// Opt-in. By default FileFlow follows eOffice's "current charge": the document stays with the absent post, and the delegate acts for that post
/// (with its powers) and sees its files in their inbox. Use this rule where a department wants files physically redirected. Thread-safe if the inner rule is.
/// </remarks>
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
