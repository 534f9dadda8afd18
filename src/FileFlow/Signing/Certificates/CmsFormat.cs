using System.Formats.Asn1;
using System.Security.Cryptography;

namespace FileFlow.Signing.Certificates;

/// <summary>Object identifiers and small DER helpers of the detached CMS SignedData FileFlow signs records with.</summary>
internal static class CmsFormat
{
    public const string Name = "cms";
    public const string SignedData = "1.2.840.113549.1.7.2";
    public const string Data = "1.2.840.113549.1.7.1";
    public const string ContentType = "1.2.840.113549.1.9.3";
    public const string MessageDigest = "1.2.840.113549.1.9.4";
    public const string SigningTime = "1.2.840.113549.1.9.5";
    public const string SigningCertificate = "1.2.840.113549.1.9.16.2.12";
    public const string SigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    public const string Ed25519 = "1.3.101.112";

    public static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    public static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    /// <summary>The key kind of a certificate's SubjectPublicKeyInfo algorithm.</summary>
    public static CertificateKeyAlgorithm KeyAlgorithmOf(string publicKeyOid) => publicKeyOid switch
    {
        RsaEncryption => CertificateKeyAlgorithm.Rsa2048,
        EcPublicKey => CertificateKeyAlgorithm.EcdsaP256,
        Ed25519 => CertificateKeyAlgorithm.Ed25519,
        _ => throw new ArgumentException($"Certificates with public key algorithm {publicKeyOid} are not supported; use RSA, ECDSA P-256 or Ed25519."),
    };

    /// <summary>The message digest used with a key kind: SHA-256, except SHA-512 for Ed25519 (RFC 8419).</summary>
    public static string DigestOid(CertificateKeyAlgorithm key) => key == CertificateKeyAlgorithm.Ed25519 ? Sha512 : Sha256;

    public static string SignatureOid(CertificateKeyAlgorithm key) => key switch
    {
        CertificateKeyAlgorithm.Rsa2048 => RsaEncryption,
        CertificateKeyAlgorithm.EcdsaP256 => EcdsaWithSha256,
        _ => Ed25519,
    };

    public static int Digest(string digestOid, ReadOnlySpan<byte> data, Span<byte> destination) => digestOid switch
    {
        Sha256 => SHA256.HashData(data, destination),
        Sha512 => SHA512.HashData(data, destination),
        _ => throw new CryptographicException($"Digest algorithm {digestOid} is not supported."),
    };

    /// <summary>Encodes an AlgorithmIdentifier; RSA carries an explicit NULL parameter, the others none.</summary>
    public static byte[] AlgorithmIdentifier(string oid)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
            if (oid is RsaEncryption or Sha256WithRsa)
            {
                w.WriteNull();
            }
        }

        return w.Encode();
    }

    /// <summary>Writes a CMS Time: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5652 §11.3); whole seconds.</summary>
    public static void WriteTime(AsnWriter writer, DateTimeOffset time)
    {
        var seconds = DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
        if (seconds.Year is >= 1950 and < 2050)
        {
            writer.WriteUtcTime(seconds);
        }
        else
        {
            writer.WriteGeneralizedTime(seconds, omitFractionalSeconds: true);
        }
    }
}
