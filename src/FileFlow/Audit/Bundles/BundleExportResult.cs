using FileFlow.Documents;

namespace FileFlow.Audit;

/// <summary>What <see cref="BundleExporter.ExportAsync"/> wrote: where, which documents, how many records, against which checkpoint.</summary>
/// <param name="Path">The bundle folder or .zip file.</param>
/// <param name="Documents">The file first, then its notings and receipts.</param>
/// <param name="Records">How many records the bundle holds.</param>
/// <param name="Checkpoint">The signed checkpoint the inclusion proofs lead to.</param>
public sealed record BundleExportResult(string Path, IReadOnlyList<DocumentId> Documents, int Records, SignedCheckpoint Checkpoint);
