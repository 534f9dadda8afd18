using System.Formats.Asn1;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using BcAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace FileFlow.Signing.Certificates;

/// <summary>Signs records as detached CMS SignedData in the CAdES-BES shape: content type, message digest, signing time and signing-certificate-v2 attributes, with the certificate chain embedded.</summary>
/// <remarks>
/// Thread-safe. Everything constant for the signer (certificate set, signer identifier, ESSCertIDv2) is encoded once; each record costs
/// one digest, a small signed-attributes encoding and one private-key operation through the <see cref="IRawSigner"/>.
/// The signature's <see cref="RecordSignature.Algorithm"/> is <c>cms</c>; <see cref="KeyId"/> is the certificate's SHA-256 thumbprint.
/// </remarks>
public sealed class CmsSigner : ISigner
{
    /// <summary>The value of <see cref="RecordSignature.Algorithm"/> for detached CMS signatures.</summary>
    public const string AlgorithmName = CmsFormat.Name;

    private readonly IRawSigner raw;
    private readonly string digestOid;
    private readonly int digestLength;
    private readonly byte[] digestAlgorithm;
    private readonly byte[] digestAlgorithms;
    private readonly byte[] signatureAlgorithm;
    private readonly byte[] signerIdentifier;
    private readonly byte[] certificates;
    private readonly byte[] contentTypeAttribute;
    private readonly byte[] signingCertificateAttribute;
    private readonly byte[] encapsulatedContentInfo;

    /// <summary>Initializes a signer over a raw private-key operation (software key, PKCS#11 token or HSM).</summary>
    /// <exception cref="ArgumentException">The certificate's key type is not RSA, ECDSA P-256 or Ed25519.</exception>
    public CmsSigner(IRawSigner rawSigner)
    {
        ArgumentNullException.ThrowIfNull(rawSigner);
        ArgumentNullException.ThrowIfNull(rawSigner.Certificate);
        raw = rawSigner;
        var der = rawSigner.Certificate.RawData;
        KeyId = CertificateKeyId.Of(der);
        var parsed = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(der));
        var keyAlgorithm = CmsFormat.KeyAlgorithmOf(parsed.SubjectPublicKeyInfo.Algorithm.Algorithm.Id);
        digestOid = CmsFormat.DigestOid(keyAlgorithm);
        digestLength = digestOid == CmsFormat.Sha512 ? SHA512.HashSizeInBytes : SHA256.HashSizeInBytes;
        digestAlgorithm = CmsFormat.AlgorithmIdentifier(digestOid);
        signatureAlgorithm = CmsFormat.AlgorithmIdentifier(CmsFormat.SignatureOid(keyAlgorithm));

        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSetOf())
        {
            w.WriteEncodedValue(digestAlgorithm);
        }

        digestAlgorithms = w.Encode();

        w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(CmsFormat.Data);
        }

        encapsulatedContentInfo = w.Encode();

        // SignerIdentifier: issuerAndSerialNumber.
        signerIdentifier = new Org.BouncyCastle.Asn1.Cms.IssuerAndSerialNumber(parsed.Issuer, parsed.SerialNumber).GetDerEncoded();

        // certificates [0] IMPLICIT SET OF Certificate: the signer's certificate and its chain; DER sorts the set.
        w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSetOf(CmsFormat.Context0))
        {
            w.WriteEncodedValue(der);
            foreach (var issuer in rawSigner.Chain ?? [])
            {
                w.WriteEncodedValue(issuer.RawData);
            }
        }

        certificates = w.Encode();

        contentTypeAttribute = new BcAttribute(PkcsObjectIdentifiers.Pkcs9AtContentType, new DerSet(PkcsObjectIdentifiers.Data)).GetDerEncoded();
        var essCertId = new EssCertIDv2(SHA256.HashData(der), new IssuerSerial(new GeneralNames(new GeneralName(parsed.Issuer)), parsed.SerialNumber));
        signingCertificateAttribute = new BcAttribute(PkcsObjectIdentifiers.IdAASigningCertificateV2, new DerSet(new SigningCertificateV2(essCertId))).GetDerEncoded();
    }

    /// <summary>Gets the certificate's SHA-256 thumbprint in lowercase hexadecimal, written into each record this signer signs.</summary>
    public string KeyId { get; }

    /// <summary>Signs <paramref name="data"/> as detached CMS SignedData whose signing-time attribute is <paramref name="signingTime"/> (whole seconds).</summary>
    public async ValueTask<RecordSignature> SignAsync(ReadOnlyMemory<byte> data, DateTimeOffset signingTime, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var signedAttributes = SignedAttributes(data.Span, signingTime);
        var value = await raw.SignAsync(signedAttributes, cancellationToken).ConfigureAwait(false);
        if (value is null || value.Length == 0)
        {
            throw new CryptographicException("The raw signer returned no signature.");
        }

        return new RecordSignature(AlgorithmName, Assemble(signedAttributes, value));
    }

    /// <summary>Encodes the signed attributes as the DER SET that is signed (RFC 5652 §5.4).</summary>
    internal byte[] SignedAttributes(ReadOnlySpan<byte> data, DateTimeOffset signingTime)
    {
        Span<byte> digest = stackalloc byte[64];
        CmsFormat.Digest(digestOid, data, digest);
        var w = new AsnWriter(AsnEncodingRules.DER, initialCapacity: 256);
        using (w.PushSetOf())
        {
            w.WriteEncodedValue(contentTypeAttribute);
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(CmsFormat.SigningTime);
                using (w.PushSetOf())
                {
                    CmsFormat.WriteTime(w, signingTime);
                }
            }

            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(CmsFormat.MessageDigest);
                using (w.PushSetOf())
                {
                    w.WriteOctetString(digest[..digestLength]);
                }
            }

            w.WriteEncodedValue(signingCertificateAttribute);
        }

        return w.Encode();
    }

    private byte[] Assemble(byte[] signedAttributes, byte[] signature)
    {
        var w = new AsnWriter(AsnEncodingRules.DER, initialCapacity: certificates.Length + signedAttributes.Length + signature.Length + 256);
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(CmsFormat.SignedData);
            using (w.PushSequence(CmsFormat.Context0))
            using (w.PushSequence())
            {
                w.WriteInteger(1);
                w.WriteEncodedValue(digestAlgorithms);
                w.WriteEncodedValue(encapsulatedContentInfo);
                w.WriteEncodedValue(certificates);
                using (w.PushSetOf())
                using (w.PushSequence())
                {
                    w.WriteInteger(1);
                    w.WriteEncodedValue(signerIdentifier);
                    w.WriteEncodedValue(digestAlgorithm);

                    // signedAttrs [0] IMPLICIT: the signed SET with its tag replaced.
                    var tagged = (byte[])signedAttributes.Clone();
                    tagged[0] = 0xA0;
                    w.WriteEncodedValue(tagged);
                    w.WriteEncodedValue(signatureAlgorithm);
                    w.WriteOctetString(signature);
                }
            }
        }

        return w.Encode();
    }
}
