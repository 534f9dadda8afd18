using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Storage;

namespace FileFlow.Authority;

/// <summary>An attempted action as the authority policy judges it: the document as it stood, the trigger, the officer and the time, with the facts about related documents the rules need.</summary>
/// <param name="Head">The document as it stood before the action.</param>
/// <param name="Trigger">The trigger fired.</param>
/// <param name="Actor">The officer acting.</param>
/// <param name="At">When the action happens.</param>
public sealed record AuthorityRequest(DocumentHead Head, DocumentTrigger Trigger, OfficerId Actor, DateTimeOffset At)
{
    /// <summary>Gets the file a noting or draft for approval belongs to, as it stood; its holder acts on the documents that move with it.</summary>
    /// <value><see langword="null"/> when unknown: the parent holder's rule is then not applied (a single document verified alone).</value>
    public DocumentHead? ParentFile { get; init; }

    /// <summary>Gets whether the post the document was last sent to has acted on it, its notes or its drafts since; a recall is then refused.</summary>
    /// <value><see langword="null"/> when unknown (a single document verified alone).</value>
    public bool? RecipientActed { get; init; }

    /// <summary>Gets the post a signed record names, taken only where the policy lacks the service definitions to name the post itself (verification without them).</summary>
    internal PostId? ClaimedActingAs { get; init; }
}
