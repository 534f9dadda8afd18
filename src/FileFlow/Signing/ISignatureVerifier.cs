using FileFlow.Records;

namespace FileFlow.Signing;

/// <summary>Checks that a record's signature is valid and was made by a key that belongs to the record's actor.</summary>
/// <remarks>Implementations are thread-safe: verification runs on all cores.</remarks>
public interface ISignatureVerifier
{
    /// <summary>Checks <paramref name="signature"/> over <paramref name="canonicalBytes"/> for <paramref name="record"/> (decoded from those bytes).</summary>
    SignatureCheck Verify(TransitionRecord record, ReadOnlySpan<byte> canonicalBytes, RecordSignature signature);
}
