using System.Security.Cryptography.X509Certificates;
using FileFlow.Signing.Keys;
using Org.BouncyCastle.Crypto;

namespace FileFlow.Signing.Certificates;

/// <summary>Signs with a key in memory: RSA and ECDSA through the platform's native cryptography, Ed25519 through BouncyCastle.</summary>
internal sealed class SoftwareRawSigner(RawPrivateKey key, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain) : IRawSigner
{
    public SoftwareRawSigner(AsymmetricKeyParameter privateKey, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain)
        : this(RawPrivateKey.FromPkcs8(KeyMaterial.Pkcs8(privateKey)), certificate, chain)
    {
    }

    public X509Certificate2 Certificate { get; } = certificate;

    public IReadOnlyList<X509Certificate2> Chain { get; } = chain;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(key.Sign(data.Span));
    }
}
