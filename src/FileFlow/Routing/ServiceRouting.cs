using System.Collections.Concurrent;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Services;

namespace FileFlow.Routing;

/// <summary>Routes service files along their service's route, by the definition version each file was opened under; general files go to the inner rule.</summary>
/// <remarks>
/// A forward goes to the next role up the route (or, if named, any role above up to the competent authority); a decision stays where it is made
/// (who may decide is for <see cref="Authority.AuthorityPolicy"/>). Roles resolve to posts from the post that opened the file.
/// A service can have its own rule instead (<see cref="Register"/>). Thread-safe.
/// </remarks>
public sealed class ServiceRouting(ServiceCatalog catalog, IRoutingRule? inner = null) : IRoutingRule
{
    private readonly IRoutingRule inner = inner ?? ExplicitRecipientRouting.Instance;
    private readonly ConcurrentDictionary<string, IRoutingRule> custom = new(StringComparer.Ordinal);

    /// <summary>Registers a rule that routes one service's files instead of its route definition.</summary>
    public ServiceRouting Register(string serviceId, IRoutingRule rule)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ArgumentNullException.ThrowIfNull(rule);
        custom[serviceId] = rule;
        return this;
    }

    /// <inheritdoc />
    public ValueTask<RoutingDecision> RouteAsync(RoutingContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Document is not { ServiceId: { } serviceId } doc || context.Kind != DocumentKind.File)
        {
            return inner.RouteAsync(context, cancellationToken);
        }

        if (custom.TryGetValue(serviceId, out var rule))
        {
            return rule.RouteAsync(context, cancellationToken);
        }

        if (!catalog.Contains(serviceId))
        {
            return inner.RouteAsync(context, cancellationToken);
        }

        var service = doc.ServiceVersion is { } version ? catalog.Get(serviceId, version) : catalog.Get(serviceId);
        var competentRole = doc.Authority ?? service.Route.Authority;
        switch (context.Trigger)
        {
            case DocumentTrigger.Forward:
                return ValueTask.FromResult(Forward(context, service, competentRole, doc.CreatedBy));
            case DocumentTrigger.Approve or DocumentTrigger.Reject:
                // Who may decide (the competent authority, or an appellate officer within their powers) is the authority policy's question, asked before routing.
                return ValueTask.FromResult(new RoutingDecision(context.ActingAs, $"decided by {competentRole}"));
            default:
                return inner.RouteAsync(context, cancellationToken);
        }
    }

    private static RoutingDecision Forward(RoutingContext context, ServiceDefinition service, string competentRole, PostId origin)
    {
        var chart = context.Organisation;
        var steps = service.Route.Steps;
        var myRole = chart.GetPost(context.ActingAs).Role;
        var here = myRole is null ? -1 : steps.IndexOf(myRole);
        var top = steps.IndexOf(competentRole);
        if (here < 0)
        {
            // Off the route (an appellate officer after escalation, or a post without a role): send where named.
            return context.RequestedRecipient is { } named
                ? new RoutingDecision(named)
                : throw new RoutingException(context.Trigger, $"Post '{context.ActingAs}' is not on the '{service.Id}' route; name the recipient.");
        }

        if (here >= top)
        {
            throw new RoutingException(context.Trigger, $"The file is with the competent authority ({competentRole}); approve or reject it, or return it down.");
        }

        var allowed = steps.Skip(here + 1).Take(top - here)
            .Select(role => (Role: role, Post: Resolve(chart, role, origin)))
            .Where(x => x.Post is not null)
            .ToList();
        if (allowed.Count == 0)
        {
            throw new RoutingException(context.Trigger, $"No post holds the next role of the '{service.Id}' route above '{myRole}'.");
        }

        if (context.RequestedRecipient is not { } recipient)
        {
            return new RoutingDecision(allowed[0].Post!.Value, $"route: {allowed[0].Role}");
        }

        var match = allowed.FirstOrDefault(x => x.Post == recipient);
        return match.Post is not null
            ? new RoutingDecision(recipient, $"route: {match.Role}")
            : throw new RoutingException(context.Trigger, $"The '{service.Id}' route does not allow sending from '{myRole}' to post '{recipient}'; allowed: {string.Join(", ", allowed.Select(a => $"{a.Role} ({a.Post})"))}.");
    }

    private static PostId? Resolve(OrganisationChart chart, string role, PostId origin) => chart.ResolveRole(role, origin)?.Id;
}
