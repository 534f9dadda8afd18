using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <summary>One action as it passes the pipeline's steps: what it was asked, and what each step has settled so far.</summary>
/// <param name="Head">The document as loaded.</param>
/// <param name="Action">The action asked for.</param>
/// <param name="Request">The action's request and its fingerprint.</param>
/// <param name="At">The action's time, read once.</param>
internal sealed record ActionStep(DocumentHead Head, DocumentAction Action, ActionRequest Request, DateTimeOffset At)
{
    /// <summary>Gets the state the machine moves the document to (set by the permit step).</summary>
    public DocumentState To { get; init; }

    /// <summary>Gets the post the actor acts for (set by the authorise step).</summary>
    public PostId ActingAs { get; init; }

    /// <summary>Gets the capacity the actor acts in (set by the authorise step).</summary>
    public ActingCapacity Capacity { get; init; }

    /// <summary>Gets the attributes the main record will carry (set by the validate and plan steps; numbers are added when allocated).</summary>
    public ImmutableSortedDictionary<string, string> Attributes { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Gets the document's next holder (set by the plan and route step).</summary>
    public PostId Holder { get; init; }

    /// <summary>Gets the further posts a receipt's copies go to (set by the plan and route step).</summary>
    public ImmutableArray<PostId> Copies { get; init; } = [];
}
