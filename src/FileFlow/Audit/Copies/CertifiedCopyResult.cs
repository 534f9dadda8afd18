using FileFlow.Documents;

namespace FileFlow.Audit;

/// <summary>What <see cref="CertifiedCopyExporter.ExportAsync"/> wrote.</summary>
/// <param name="Path">The copy's folder.</param>
/// <param name="Released">The documents released, the file first.</param>
/// <param name="Withheld">The parts withheld, each with its withholding record.</param>
/// <param name="Records">How many signed records the copy carries.</param>
public sealed record CertifiedCopyResult(string Path, IReadOnlyList<DocumentId> Released, IReadOnlyList<WithheldPart> Withheld, int Records);
