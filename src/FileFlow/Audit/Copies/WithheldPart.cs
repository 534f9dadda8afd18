using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Audit;

/// <summary>A part of a file left out of its certified copy, and the signed withholding record that left it out.</summary>
/// <param name="Document">The noting, receipt or draft withheld, or whose paragraph is withheld.</param>
/// <param name="Kind">The kind of that document.</param>
/// <param name="Paragraph">The paragraph withheld, or <see langword="null"/> for the whole document.</param>
/// <param name="Section">The clause of section 8(1) of the RTI Act relied on.</param>
/// <param name="Reason">The reason recorded.</param>
/// <param name="WithheldBy">The public information officer who withheld it.</param>
/// <param name="WithheldAt">When.</param>
/// <param name="Sequence">The sequence of the withholding record in the file's stream.</param>
public sealed record WithheldPart(DocumentId Document, DocumentKind Kind, int? Paragraph, RtiExemption Section, string Reason, OfficerId WithheldBy, DateTimeOffset WithheldAt, long Sequence)
{
    /// <summary>Returns the marker a copy shows in its place: <c>[withheld under section 8(1)(x): reason]</c>.</summary>
    public string Marker => $"[withheld under section {Section}: {Reason}]";
}
