namespace FileFlow.Signing;

/// <summary>Signs records' canonical bytes with one officer's key: a software key, a USB token or a remote eSign service.</summary>
public interface ISigner
{
    /// <summary>Gets the identifier of the key (or certificate) that signs; it is written into each record it signs.</summary>
    string KeyId { get; }

    /// <summary>Signs <paramref name="data"/>; <paramref name="signingTime"/> is the record's time, for schemes that embed it.</summary>
    ValueTask<RecordSignature> SignAsync(ReadOnlyMemory<byte> data, DateTimeOffset signingTime, CancellationToken cancellationToken = default);
}
