using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace FileFlow.Signing.Keys;

/// <summary>A private key made once and reused for every signature: RSA and ECDSA through the platform's native cryptography, Ed25519 through BouncyCastle (.NET has none).</summary>
/// <remarks>Thread-safe: native keys sign concurrently; each Ed25519 signature uses its own signer over the immutable key.</remarks>
internal abstract class RawPrivateKey : IDisposable
{
    private RawPrivateKey(string algorithm, byte[] publicKeyInfo)
    {
        Algorithm = algorithm;
        PublicKeyInfo = publicKeyInfo;
    }

    /// <summary>One of <see cref="SignatureAlgorithms"/>.</summary>
    public string Algorithm { get; }

    /// <summary>The DER SubjectPublicKeyInfo of the public half.</summary>
    public byte[] PublicKeyInfo { get; }

    public abstract byte[] Sign(ReadOnlySpan<byte> data);

    public abstract byte[] ExportPkcs8();

    public virtual void Dispose()
    {
    }

    /// <summary>Generates a fresh key from the platform's strong random source.</summary>
    public static RawPrivateKey Generate(string algorithm) => algorithm switch
    {
        SignatureAlgorithms.Rsa2048Sha256 => new Rsa(RSA.Create(2048)),
        SignatureAlgorithms.EcdsaP256Sha256 => new Ecdsa(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        SignatureAlgorithms.Ed25519 => new Ed25519(new Ed25519PrivateKeyParameters(new SecureRandom())),
        _ => throw Unsupported(algorithm),
    };

    /// <summary>Derives a key from a seed: the same seed and scheme give the same key, for repeatable simulations and test processes.</summary>
    public static RawPrivateKey FromSeed(string algorithm, ReadOnlySpan<byte> seed)
    {
        var random = SecureRandom.GetInstance("SHA256PRNG", autoSeed: false);
        random.SetSeed(seed.ToArray());
        switch (algorithm)
        {
            case SignatureAlgorithms.Ed25519:
                return new Ed25519(new Ed25519PrivateKeyParameters(random));
            case SignatureAlgorithms.EcdsaP256Sha256:
                var ec = new ECKeyPairGenerator();
                ec.Init(new ECKeyGenerationParameters(Org.BouncyCastle.Asn1.Sec.SecObjectIdentifiers.SecP256r1, random));
                return FromPkcs8(PrivateKeyInfoFactory.CreatePrivateKeyInfo(ec.GenerateKeyPair().Private).GetDerEncoded());
            case SignatureAlgorithms.Rsa2048Sha256:
                var rsa = new RsaKeyPairGenerator();
                rsa.Init(new RsaKeyGenerationParameters(Org.BouncyCastle.Math.BigInteger.ValueOf(65537), random, 2048, 100));
                return FromPkcs8(PrivateKeyInfoFactory.CreatePrivateKeyInfo(rsa.GenerateKeyPair().Private).GetDerEncoded());
            default:
                throw Unsupported(algorithm);
        }
    }

    /// <summary>Reads a PKCS#8 PrivateKeyInfo; the scheme follows from the key (RSA is taken as RSA-2048 with SHA-256).</summary>
    /// <exception cref="ArgumentException">The bytes are not a PKCS#8 key of a supported scheme.</exception>
    public static RawPrivateKey FromPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        AsymmetricKeyParameter key;
        try
        {
            key = PrivateKeyFactory.CreateKey(pkcs8.ToArray());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException("The bytes are not a PKCS#8 private key: " + e.Message, nameof(pkcs8), e);
        }

        switch (key)
        {
            case RsaPrivateCrtKeyParameters { Modulus.BitLength: 2048 }:
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                return new Rsa(rsa);
            case ECPrivateKeyParameters { Parameters.Curve.FieldSize: 256 }:
                var ecdsa = ECDsa.Create();
                ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
                return new Ecdsa(ecdsa);
            case Ed25519PrivateKeyParameters ed:
                return new Ed25519(ed);
            default:
                throw new ArgumentException($"A {key.GetType().Name} is not a key of a supported scheme; use RSA-2048, ECDSA P-256 or Ed25519.", nameof(pkcs8));
        }
    }

    public static ArgumentException Unsupported(string algorithm) =>
        new($"'{algorithm}' is not a supported scheme; use one of {string.Join(", ", SignatureAlgorithms.All)}.", nameof(algorithm));

    private sealed class Rsa(RSA key) : RawPrivateKey(SignatureAlgorithms.Rsa2048Sha256, key.ExportSubjectPublicKeyInfo())
    {
        public override byte[] Sign(ReadOnlySpan<byte> data) => key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        public override byte[] ExportPkcs8() => key.ExportPkcs8PrivateKey();

        public override void Dispose() => key.Dispose();
    }

    private sealed class Ecdsa(ECDsa key) : RawPrivateKey(SignatureAlgorithms.EcdsaP256Sha256, key.ExportSubjectPublicKeyInfo())
    {
        public override byte[] Sign(ReadOnlySpan<byte> data) => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        public override byte[] ExportPkcs8() => key.ExportPkcs8PrivateKey();

        public override void Dispose() => key.Dispose();
    }

    private sealed class Ed25519(Ed25519PrivateKeyParameters key)
        : RawPrivateKey(SignatureAlgorithms.Ed25519, SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(key.GeneratePublicKey()).GetDerEncoded())
    {
        public override byte[] Sign(ReadOnlySpan<byte> data)
        {
            var signer = new Ed25519Signer();
            signer.Init(true, key);
            signer.BlockUpdate(data);
            return signer.GenerateSignature();
        }

        public override byte[] ExportPkcs8() => PrivateKeyInfoFactory.CreatePrivateKeyInfo(key).GetDerEncoded();
    }
}
