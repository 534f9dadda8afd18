using FileFlow.Documents;
using FileFlow.Signing;

namespace FileFlow.Records;

/// <summary>A record as stored: its canonical bytes (the truth), its signature, the content it hashes, and where the store keeps it.</summary>
/// <remarks>
/// Immutable. A record read back from a store is decoded from its bytes on first use; a store that hands back damaged bytes
/// yields a <see cref="SignedRecord"/> whose <see cref="Record"/> throws, so verification can name it instead of failing whole.
/// </remarks>
public sealed class SignedRecord
{
    private readonly Lazy<TransitionRecord> record;
    private Hash256? hash;

    /// <summary>Initializes a record from a decoded record and its canonical bytes.</summary>
    public SignedRecord(TransitionRecord record, ReadOnlyMemory<byte> canonicalBytes, RecordSignature signature, ReadOnlyMemory<byte>? content = null, long position = -1)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(signature);
        this.record = new Lazy<TransitionRecord>(record);
        DocumentId = record.DocumentId;
        Sequence = record.Sequence;
        CanonicalBytes = canonicalBytes;
        Signature = signature;
        Content = content;
        Position = position;
    }

    private SignedRecord(DocumentId documentId, long sequence, ReadOnlyMemory<byte> canonicalBytes, RecordSignature signature, ReadOnlyMemory<byte>? content, long position)
    {
        record = new Lazy<TransitionRecord>(() => RecordCodec.Decode(canonicalBytes.Span), LazyThreadSafetyMode.PublicationOnly);
        DocumentId = documentId;
        Sequence = sequence;
        CanonicalBytes = canonicalBytes;
        Signature = signature;
        Content = content;
        Position = position;
    }

    /// <summary>Gets the document the store files the record under.</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Gets the sequence the store files the record under.</summary>
    public long Sequence { get; }

    /// <summary>Gets the record decoded from <see cref="CanonicalBytes"/>.</summary>
    /// <exception cref="RecordFormatException">The stored bytes are not a canonical record.</exception>
    public TransitionRecord Record => record.Value;

    /// <summary>Gets the canonical bytes that were hashed and signed.</summary>
    public ReadOnlyMemory<byte> CanonicalBytes { get; }

    /// <summary>Gets the signature over <see cref="CanonicalBytes"/>.</summary>
    public RecordSignature Signature { get; }

    /// <summary>Gets the content the record's content hash covers (a noting's text), when it carries any.</summary>
    public ReadOnlyMemory<byte>? Content { get; }

    /// <summary>Gets the record's position in the store's global append order, or -1 before it is stored.</summary>
    public long Position { get; }

    /// <summary>Gets the SHA-256 of <see cref="CanonicalBytes"/>: what the next record names as its previous hash.</summary>
    public Hash256 Hash => hash ??= Hash256.Compute(CanonicalBytes.Span);

    /// <summary>Creates a record from what a store kept; the bytes are decoded lazily.</summary>
    public static SignedRecord FromStored(DocumentId documentId, long sequence, ReadOnlyMemory<byte> canonicalBytes, RecordSignature signature, ReadOnlyMemory<byte>? content, long position)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return new SignedRecord(documentId, sequence, canonicalBytes, signature, content, position);
    }

    /// <summary>Tries to decode the record; returns the reason when the bytes are damaged.</summary>
    public bool TryGetRecord(out TransitionRecord? decoded, out string? error)
    {
        try
        {
            decoded = record.Value;
            error = null;
            return true;
        }
        catch (RecordFormatException e)
        {
            decoded = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Returns a copy at a store position.</summary>
    public SignedRecord AtPosition(long position) =>
        record.IsValueCreated
            ? new SignedRecord(record.Value, CanonicalBytes, Signature, Content, position)
            : new SignedRecord(DocumentId, Sequence, CanonicalBytes, Signature, Content, position);
}
