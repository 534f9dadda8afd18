using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Storage;

namespace FileFlow.Routing;

/// <summary>What a routing rule sees: the document as it is, the action, who acts, whom they asked for, the organisation and the time.</summary>
/// <param name="Document">The document's head before the action; <see langword="null"/> when the action creates it.</param>
/// <param name="Kind">The document's kind.</param>
/// <param name="Trigger">The trigger being fired.</param>
/// <param name="Actor">The officer acting.</param>
/// <param name="ActingAs">The post the officer acts for.</param>
/// <param name="RequestedRecipient">The recipient the officer chose, if any.</param>
/// <param name="Organisation">The organisation chart.</param>
/// <param name="At">The time of the action.</param>
public sealed record RoutingContext(
    DocumentHead? Document,
    DocumentKind Kind,
    DocumentTrigger Trigger,
    OfficerId Actor,
    PostId ActingAs,
    PostId? RequestedRecipient,
    OrganisationChart Organisation,
    DateTimeOffset At);
