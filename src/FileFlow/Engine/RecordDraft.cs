using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <summary>Everything one record says before it is signed: the document before it (none for a creation), the move, who made it and its attributes.</summary>
internal sealed record RecordDraft(
    DocumentKind Kind, DocumentTrigger Trigger, DocumentState To, OfficerId Actor, PostId ActingAs, ActingCapacity Capacity, PostId Holder,
    Guid ActionId, DateTimeOffset At, ImmutableSortedDictionary<string, string> Attributes)
{
    /// <summary>Gets the document's head before the record; <see langword="null"/> for a record that creates a document.</summary>
    public DocumentHead? Before { get; init; }

    /// <summary>Gets the id of the document a creation record creates.</summary>
    public DocumentId? NewId { get; init; }

    /// <summary>Gets the content the record commits to by hash (a noting's or draft's paragraphs).</summary>
    public ReadOnlyMemory<byte>? Content { get; init; }

    /// <summary>Encodes the record canonically, signs the bytes once, and projects the document's head after it.</summary>
    public async ValueTask<RecordAppend> SignAsync(ISigner signer, CancellationToken cancellationToken)
    {
        var record = new TransitionRecord
        {
            DocumentId = Before?.Id ?? NewId ?? throw new InvalidOperationException("A creation record needs the new document's id."),
            Kind = Kind,
            Sequence = Before is null ? 0 : Before.Sequence + 1,
            ActionId = ActionId,
            Trigger = Trigger,
            From = Before?.State ?? DocumentState.None,
            To = To,
            Actor = Actor,
            ActingAs = ActingAs,
            Capacity = Capacity,
            Holder = Holder,
            OccurredAt = At,
            PreviousHash = Before?.LastHash ?? Hash256.Zero,
            ContentHash = Content is { } c ? Hash256.Compute(c.Span) : null,
            Attributes = Attributes.WithComparers(StringComparer.Ordinal),
            SignerKeyId = signer.KeyId,
        };
        var bytes = RecordCodec.Encode(record);
        var signature = await signer.SignAsync(bytes, At, cancellationToken).ConfigureAwait(false);
        var signed = new SignedRecord(record, bytes, signature, Content);
        return new RecordAppend(signed, DocumentProjection.Apply(Before, record, signed.Hash));
    }
}
