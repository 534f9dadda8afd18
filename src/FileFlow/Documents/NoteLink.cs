namespace FileFlow.Documents;

/// <summary>A link from a paragraph to another note, and to one of its paragraphs.</summary>
/// <param name="Noting">The note linked to.</param>
/// <param name="Paragraph">The paragraph number in it, 1 or more.</param>
public readonly record struct NoteLink(DocumentId Noting, int Paragraph);
