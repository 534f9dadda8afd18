using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Records;

/// <summary>One signed step in a document's life: who did what, from which state to which, to whom it went, when, over which content, after which record.</summary>
/// <remarks>Immutable. Its one byte form is <see cref="RecordCodec.Encode"/>; the signature and the next record's <see cref="PreviousHash"/> cover exactly those bytes.</remarks>
public sealed record TransitionRecord
{
    /// <summary>Gets the document the record belongs to.</summary>
    public required DocumentId DocumentId { get; init; }

    /// <summary>Gets the document's kind.</summary>
    public required DocumentKind Kind { get; init; }

    /// <summary>Gets the record's position in the document's stream: 0 for the creation record, then 1, 2, … without gaps.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the caller's identifier of the action; a retry with the same identifier returns this record instead of acting twice.</summary>
    public required Guid ActionId { get; init; }

    /// <summary>Gets the trigger fired.</summary>
    public required DocumentTrigger Trigger { get; init; }

    /// <summary>Gets the state before the action.</summary>
    public required DocumentState From { get; init; }

    /// <summary>Gets the state after the action.</summary>
    public required DocumentState To { get; init; }

    /// <summary>Gets the officer who acted and signed.</summary>
    public required OfficerId Actor { get; init; }

    /// <summary>Gets the post the officer acted for (the document's holder, or the creating post).</summary>
    public required PostId ActingAs { get; init; }

    /// <summary>Gets whether the officer acted as the post's holder or as a delegate.</summary>
    public required ActingCapacity Capacity { get; init; }

    /// <summary>Gets the post holding the document after the action (the recipient of a forward or return).</summary>
    public required PostId Holder { get; init; }

    /// <summary>Gets when the action happened, in UTC with millisecond precision, read from the engine's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets the SHA-256 of the previous record's canonical bytes, or <see cref="Hash256.Zero"/> for the first record.</summary>
    public required Hash256 PreviousHash { get; init; }

    /// <summary>Gets the SHA-256 of the content acted on (a noting's text), or <see langword="null"/> when the action carries none.</summary>
    public Hash256? ContentHash { get; init; }

    /// <summary>Gets the signed metadata of the action (file number, subject, reason, related document), sorted by key.</summary>
    public ImmutableSortedDictionary<string, string> Attributes { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Gets the identifier of the key (or certificate) that signs the record.</summary>
    public required string SignerKeyId { get; init; }

    /// <summary>Gets an attribute's value, or <see langword="null"/> when absent.</summary>
    public string? Attribute(string key) => Attributes.TryGetValue(key, out var value) ? value : null;

    /// <summary>Compares two records field by field, attributes by value.</summary>
    public bool Equals(TransitionRecord? other) =>
        other is not null
        && DocumentId == other.DocumentId && Kind == other.Kind && Sequence == other.Sequence && ActionId == other.ActionId
        && Trigger == other.Trigger && From == other.From && To == other.To && Actor == other.Actor
        && ActingAs == other.ActingAs && Capacity == other.Capacity && Holder == other.Holder
        && OccurredAt == other.OccurredAt && PreviousHash == other.PreviousHash && ContentHash == other.ContentHash
        && SignerKeyId == other.SignerKeyId && Attributes.SequenceEqual(other.Attributes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DocumentId, Sequence, ActionId);
}
