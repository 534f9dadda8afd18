using FileFlow.Signing.Keys;

namespace FileFlow.Signing;

/// <summary>Signs with a <see cref="SoftwareKey"/>'s private key, parsed once.</summary>
internal sealed class SoftwareSigner(string keyId, RawPrivateKey key) : ISigner
{
    public string KeyId => keyId;

    public ValueTask<RecordSignature> SignAsync(ReadOnlyMemory<byte> data, DateTimeOffset signingTime, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(new RecordSignature(key.Algorithm, key.Sign(data.Span)));
    }
}
