using System.Collections.Immutable;

namespace FileFlow.Documents;

/// <summary>One numbered paragraph of a noting, with the receipts it refers to.</summary>
/// <param name="Number">The paragraph's number within the noting, starting at 1.</param>
/// <param name="Text">The paragraph's text, in any script.</param>
public sealed record NotingParagraph(int Number, string Text)
{
    /// <summary>Gets the receipts this paragraph refers to.</summary>
    public ImmutableArray<DocumentId> References { get; init; } = ImmutableArray<DocumentId>.Empty;

    /// <summary>Gets the earlier notes (and their paragraphs) this paragraph refers to.</summary>
    public ImmutableArray<NoteLink> Links { get; init; } = ImmutableArray<NoteLink>.Empty;
}
