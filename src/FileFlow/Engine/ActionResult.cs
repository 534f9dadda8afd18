using System.Collections.Immutable;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <summary>What an action stored: its signed record, the document's new head, and the records it caused on related documents (notings, receipts).</summary>
/// <param name="Record">The signed record of the document acted on.</param>
/// <param name="Head">The document's head after the action.</param>
/// <param name="Related">Records the action appended to related documents in the same transaction.</param>
/// <param name="Replayed">Whether the action had already landed and this is the stored result of the earlier attempt.</param>
public sealed record ActionResult(SignedRecord Record, DocumentHead Head, ImmutableArray<SignedRecord> Related, bool Replayed = false);
