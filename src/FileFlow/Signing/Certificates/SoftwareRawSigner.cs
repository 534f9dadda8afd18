using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace FileFlow.Signing.Certificates;

/// <summary>Signs with a key in memory: RSA and ECDSA through the platform's native cryptography, Ed25519 through BouncyCastle.</summary>
internal sealed class SoftwareRawSigner : IRawSigner
{
    private readonly RSA? rsa;
    private readonly ECDsa? ecdsa;
    private readonly Ed25519PrivateKeyParameters? ed25519;

    public SoftwareRawSigner(AsymmetricKeyParameter privateKey, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain)
    {
        Certificate = certificate;
        Chain = chain;
        switch (KeyMaterial.AlgorithmOf(privateKey))
        {
            case CertificateKeyAlgorithm.Rsa2048:
                rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(KeyMaterial.Pkcs8(privateKey), out _);
                break;
            case CertificateKeyAlgorithm.EcdsaP256:
                ecdsa = ECDsa.Create();
                ecdsa.ImportPkcs8PrivateKey(KeyMaterial.Pkcs8(privateKey), out _);
                break;
            default:
                ed25519 = (Ed25519PrivateKeyParameters)privateKey;
                break;
        }
    }

    public X509Certificate2 Certificate { get; }

    public IReadOnlyList<X509Certificate2> Chain { get; }

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Sign(data.Span));
    }

    private byte[] Sign(ReadOnlySpan<byte> data)
    {
        if (rsa is not null)
        {
            return rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        if (ecdsa is not null)
        {
            return ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }

        var signer = new Ed25519Signer();
        signer.Init(true, ed25519);
        signer.BlockUpdate(data);
        return signer.GenerateSignature();
    }
}
