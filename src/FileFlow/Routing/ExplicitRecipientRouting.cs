using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Routing;

/// <summary>The default rule: a forward goes to the recipient the officer names; a return goes to the named post or back to the sender; a recall or reopen brings the document to the actor; everything else leaves it where it is.</summary>
public sealed class ExplicitRecipientRouting : IRoutingRule
{
    /// <summary>Gets the shared instance.</summary>
    public static ExplicitRecipientRouting Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<RoutingDecision> RouteAsync(RoutingContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decision = context.Trigger switch
        {
            DocumentTrigger.Create or DocumentTrigger.Recall or DocumentTrigger.Reopen => new RoutingDecision(context.ActingAs),
            DocumentTrigger.Forward or DocumentTrigger.Escalate => To(context, context.RequestedRecipient
                ?? throw new RoutingException(DocumentTrigger.Forward, "A forward needs a recipient post.")),
            DocumentTrigger.Return => To(context, context.RequestedRecipient ?? SenderOf(context)),
            _ => new RoutingDecision(context.Document?.Holder ?? context.ActingAs),
        };
        return ValueTask.FromResult(decision);
    }

    private static PostId SenderOf(RoutingContext context)
    {
        var doc = context.Document ?? throw new RoutingException(DocumentTrigger.Return, "Only an existing document can be returned.");
        return doc.SentBy is { } sender && sender != context.ActingAs
            ? sender
            : throw new RoutingException(DocumentTrigger.Return, "The document has no sender to return to; name the post to return it to.");
    }

    private static RoutingDecision To(RoutingContext context, PostId recipient)
    {
        if (!context.Organisation.ContainsPost(recipient))
        {
            throw new UnknownPostException(recipient);
        }

        if (recipient == context.ActingAs)
        {
            throw new RoutingException(context.Trigger, $"Post '{recipient}' cannot send the document to itself.");
        }

        return new RoutingDecision(recipient);
    }
}
