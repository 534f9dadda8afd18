using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace FileFlow.Signing;

/// <summary>A private key held in memory (BouncyCastle), for development, tests and simulations; real officers sign with their DSC.</summary>
/// <remarks>Thread-safe. Never logged or serialised by FileFlow.</remarks>
public sealed class SoftwareKey
{
    private SoftwareKey(string keyId, string algorithm, AsymmetricCipherKeyPair pair)
    {
        KeyId = keyId;
        Algorithm = algorithm;
        Private = pair.Private;
        PublicKeyInfo = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded();
    }

    /// <summary>Gets the key's identifier.</summary>
    public string KeyId { get; }

    /// <summary>Gets the scheme, one of <see cref="SignatureAlgorithms"/>.</summary>
    public string Algorithm { get; }

    /// <summary>Gets the DER-encoded SubjectPublicKeyInfo of the public key.</summary>
    public ReadOnlyMemory<byte> PublicKeyInfo { get; }

    internal AsymmetricKeyParameter Private { get; }

    /// <summary>Generates a new key for a scheme.</summary>
    /// <param name="keyId">The identifier written into each record the key signs.</param>
    /// <param name="algorithm">One of <see cref="SignatureAlgorithms"/>; RSA-2048 with SHA-256 by default.</param>
    /// <param name="random">A source of randomness; a seeded one makes simulations repeatable. Cryptographically strong by default.</param>
    /// <exception cref="ArgumentException">The scheme is not supported.</exception>
    public static SoftwareKey Generate(string keyId, string algorithm = SignatureAlgorithms.Rsa2048Sha256, SecureRandom? random = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        random ??= new SecureRandom();
        IAsymmetricCipherKeyPairGenerator generator;
        switch (algorithm)
        {
            case SignatureAlgorithms.Ed25519:
                generator = new Ed25519KeyPairGenerator();
                generator.Init(new Ed25519KeyGenerationParameters(random));
                break;
            case SignatureAlgorithms.EcdsaP256Sha256:
                generator = new ECKeyPairGenerator();
                generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
                break;
            case SignatureAlgorithms.Rsa2048Sha256:
                generator = new RsaKeyPairGenerator();
                generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), random, 2048, 100));
                break;
            default:
                throw new ArgumentException($"'{algorithm}' is not a supported scheme; use one of {string.Join(", ", SignatureAlgorithms.All)}.", nameof(algorithm));
        }

        return new SoftwareKey(keyId, algorithm, generator.GenerateKeyPair());
    }

    /// <summary>Creates a signer that signs with this key.</summary>
    public ISigner CreateSigner() => new SoftwareSigner(this);

    internal static string BouncyCastleName(string algorithm) => algorithm switch
    {
        SignatureAlgorithms.Ed25519 => "Ed25519",
        SignatureAlgorithms.EcdsaP256Sha256 => "SHA256withECDSA",
        SignatureAlgorithms.Rsa2048Sha256 => "SHA256withRSA",
        _ => throw new ArgumentException($"'{algorithm}' is not a supported scheme.", nameof(algorithm)),
    };
}
