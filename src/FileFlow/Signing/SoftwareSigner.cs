using Org.BouncyCastle.Security;

namespace FileFlow.Signing;

/// <summary>Signs with a <see cref="SoftwareKey"/> through BouncyCastle.</summary>
internal sealed class SoftwareSigner(SoftwareKey key) : ISigner
{
    private readonly string bouncyCastleName = SoftwareKey.BouncyCastleName(key.Algorithm);

    public string KeyId => key.KeyId;

    public ValueTask<RecordSignature> SignAsync(ReadOnlyMemory<byte> data, DateTimeOffset signingTime, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var signer = SignerUtilities.GetSigner(bouncyCastleName);
        signer.Init(true, key.Private);
        signer.BlockUpdate(data.Span);
        return ValueTask.FromResult(new RecordSignature(key.Algorithm, signer.GenerateSignature()));
    }
}
