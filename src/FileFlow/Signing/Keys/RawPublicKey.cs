using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace FileFlow.Signing.Keys;

/// <summary>A public key parsed once and reused for every check: RSA and ECDSA through the platform's native cryptography, Ed25519 through BouncyCastle.</summary>
internal abstract class RawPublicKey
{
    private RawPublicKey(string algorithm) => Algorithm = algorithm;

    /// <summary>One of <see cref="SignatureAlgorithms"/>.</summary>
    public string Algorithm { get; }

    /// <summary>Returns whether <paramref name="signature"/> is this key's signature of <paramref name="data"/>; a malformed signature is simply not valid.</summary>
    public abstract bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <summary>Parses a DER SubjectPublicKeyInfo for a scheme.</summary>
    /// <exception cref="ArgumentException">The scheme is not supported, or the key is not a valid key of that scheme.</exception>
    public static RawPublicKey Create(string algorithm, ReadOnlySpan<byte> publicKeyInfo, string keyId)
    {
        try
        {
            switch (algorithm)
            {
                case SignatureAlgorithms.Rsa2048Sha256:
                    var rsa = RSA.Create();
                    rsa.ImportSubjectPublicKeyInfo(publicKeyInfo, out _);
                    return rsa.KeySize == 2048 ? new Rsa(rsa) : throw new CryptographicException($"the key has {rsa.KeySize} bits, not 2048");
                case SignatureAlgorithms.EcdsaP256Sha256:
                    var ecdsa = ECDsa.Create();
                    ecdsa.ImportSubjectPublicKeyInfo(publicKeyInfo, out _);
                    return ecdsa.KeySize == 256 ? new Ecdsa(ecdsa) : throw new CryptographicException($"the key is on a {ecdsa.KeySize}-bit curve, not P-256");
                case SignatureAlgorithms.Ed25519:
                    return PublicKeyFactory.CreateKey(publicKeyInfo.ToArray()) is Ed25519PublicKeyParameters ed
                        ? new Ed25519(ed)
                        : throw new CryptographicException("the key is not an Ed25519 key");
                default:
                    throw RawPrivateKey.Unsupported(algorithm);
            }
        }
        catch (Exception e) when (e is not (ArgumentException or OutOfMemoryException))
        {
            throw new ArgumentException($"The public key for '{keyId}' is not a valid {algorithm} SubjectPublicKeyInfo: {e.Message}", nameof(publicKeyInfo), e);
        }
    }

    private sealed class Rsa(RSA key) : RawPublicKey(SignatureAlgorithms.Rsa2048Sha256)
    {
        public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
            key.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private sealed class Ecdsa(ECDsa key) : RawPublicKey(SignatureAlgorithms.EcdsaP256Sha256)
    {
        public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
            key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    private sealed class Ed25519(Ed25519PublicKeyParameters key) : RawPublicKey(SignatureAlgorithms.Ed25519)
    {
        public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
        {
            var verifier = new Ed25519Signer();
            verifier.Init(false, key);
            verifier.BlockUpdate(data);
            return verifier.VerifySignature(signature.ToArray());
        }
    }
}
