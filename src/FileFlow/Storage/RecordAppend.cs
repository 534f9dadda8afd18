using System.Collections.Immutable;
using FileFlow.Records;

namespace FileFlow.Storage;

/// <summary>One record to append and the document head it produces; the store expects the document to be at <c>Record.Sequence - 1</c>.</summary>
/// <param name="Record">The signed record.</param>
/// <param name="Head">The document's head after the record.</param>
public sealed record RecordAppend(SignedRecord Record, DocumentHead Head)
{
    /// <summary>Gets the sequence the document must be at for the append to land (-1: it must not exist yet).</summary>
    public long ExpectedSequence => Record.Record.Sequence - 1;

    /// <summary>Gets the counter values the record carries (its file, diary or dispatch number), taken in the same transaction as the append.</summary>
    /// <value>Empty by default.</value>
    public ImmutableArray<SerialClaim> Serials { get; init; } = [];
}
