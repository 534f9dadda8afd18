using FileFlow.Documents;

namespace FileFlow.Engine;

/// <summary>What a <see cref="DocumentTrigger.Withhold"/> withholds from certified copies of a file: one of its notings, receipts or drafts, or one paragraph of a noting, and the clause it relies on.</summary>
/// <param name="Document">The noting, receipt or draft for approval in the file.</param>
/// <param name="Section">The clause of section 8(1) of the RTI Act relied on.</param>
public sealed record Withholding(DocumentId Document, RtiExemption Section)
{
    /// <summary>Gets the paragraph of a noting withheld.</summary>
    /// <value><see langword="null"/> by default: the whole document is withheld.</value>
    public int? Paragraph { get; init; }
}
