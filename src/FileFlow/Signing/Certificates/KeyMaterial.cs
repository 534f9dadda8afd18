using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FileFlow.Organisation;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace FileFlow.Signing.Certificates;

/// <summary>Key generation and conversions between BouncyCastle and System.Security.Cryptography keys.</summary>
internal static class KeyMaterial
{
    public static AsymmetricCipherKeyPair Generate(CertificateKeyAlgorithm algorithm, SecureRandom random)
    {
        switch (algorithm)
        {
            case CertificateKeyAlgorithm.Rsa2048:
                // Native key generation is an order of magnitude faster than managed; the key then moves to BouncyCastle as PKCS#8.
                using (var rsa = RSA.Create(2048))
                {
                    return new AsymmetricCipherKeyPair(
                        PublicKeyFactory.CreateKey(rsa.ExportSubjectPublicKeyInfo()),
                        PrivateKeyFactory.CreateKey(rsa.ExportPkcs8PrivateKey()));
                }

            case CertificateKeyAlgorithm.EcdsaP256:
                using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return new AsymmetricCipherKeyPair(
                        PublicKeyFactory.CreateKey(ec.ExportSubjectPublicKeyInfo()),
                        PrivateKeyFactory.CreateKey(ec.ExportPkcs8PrivateKey()));
                }

            case CertificateKeyAlgorithm.Ed25519:
                var generator = new Ed25519KeyPairGenerator();
                generator.Init(new Ed25519KeyGenerationParameters(random));
                return generator.GenerateKeyPair();
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a supported key algorithm.");
        }
    }

    public static CertificateKeyAlgorithm AlgorithmOf(AsymmetricKeyParameter key) => key switch
    {
        RsaKeyParameters => CertificateKeyAlgorithm.Rsa2048,
        ECKeyParameters => CertificateKeyAlgorithm.EcdsaP256,
        Ed25519PrivateKeyParameters or Ed25519PublicKeyParameters => CertificateKeyAlgorithm.Ed25519,
        _ => throw new ArgumentException($"Keys of type {key.GetType().Name} are not supported; use RSA, ECDSA P-256 or Ed25519.", nameof(key)),
    };

    /// <summary>The FileFlow officer a certificate subject names by its one UID attribute, or null when it has none or several.</summary>
    public static OfficerId? OfficerOf(X509Name subject)
    {
        var uid = subject.GetValueList(X509Name.UID);
        return uid.Count == 1 ? new OfficerId(uid[0]) : null;
    }

    /// <summary>The BouncyCastle signature name a certificate authority signs certificates and CRLs with.</summary>
    public static string CertificateSignatureName(AsymmetricKeyParameter key) => AlgorithmOf(key) switch
    {
        CertificateKeyAlgorithm.Rsa2048 => "SHA256WITHRSA",
        CertificateKeyAlgorithm.EcdsaP256 => "SHA256WITHECDSA",
        _ => "Ed25519",
    };

    public static byte[] Pkcs8(AsymmetricKeyParameter privateKey) =>
        PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetDerEncoded();

    public static X509Certificate2 ToX509Certificate2(BcCertificate certificate) =>
        X509CertificateLoader.LoadCertificate(certificate.GetEncoded());

    public static BcCertificate ToBouncyCastle(X509Certificate2 certificate) => new(certificate.RawData);
}
