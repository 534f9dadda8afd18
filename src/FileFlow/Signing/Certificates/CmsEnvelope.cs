using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using BcAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using BcContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;

namespace FileFlow.Signing.Certificates;

/// <summary>The parts of a detached CMS SignedData with one signer that verification needs, parsed by BouncyCastle's CMS classes
/// (<see cref="Parse"/>), or read quickly when the signer's constant parts were parsed before (<see cref="TryReadKnownShape"/>).</summary>
/// <remarks>
/// Strict: the input must be the DER encoding of what was parsed (so every byte is either covered by the signature or checked),
/// with exactly one signer, signed attributes and no unsigned attributes or CRLs. Any other shape throws <see cref="FormatException"/>.
/// </remarks>
internal sealed partial class CmsEnvelope
{
    private CmsEnvelope(CmsSignedData? signedData) => Cms = signedData;

    /// <summary>Gets BouncyCastle's view of the signature, for the certificate store and the signer's selector; null when read by <see cref="TryReadKnownShape"/>.</summary>
    public CmsSignedData? Cms { get; }

    /// <summary>Gets the DER of every embedded certificate, in the order of the (sorted) set.</summary>
    public List<ReadOnlyMemory<byte>> Certificates { get; } = [];

    /// <summary>Gets the DER of the whole certificate set followed by the signer identifier: what the verifier's cache is keyed by.</summary>
    public byte[] CertificatesAndSigner { get; private set; } = [];

    public ReadOnlyMemory<byte> SignerIdentifier { get; private set; }

    public string DigestOid { get; private set; } = string.Empty;

    /// <summary>Gets the signed attributes as the DER SET that was signed.</summary>
    public byte[] SignedAttributes { get; private set; } = [];

    public string SignatureOid { get; private set; } = string.Empty;

    public byte[] Signature { get; private set; } = [];

    public ReadOnlyMemory<byte> MessageDigest { get; private set; }

    public DateTimeOffset? SigningTime { get; private set; }

    public string? CertificateHashOid { get; private set; }

    public ReadOnlyMemory<byte>? CertificateHash { get; private set; }

    /// <summary>Parses <paramref name="der"/>; throws <see cref="FormatException"/> when it is not the expected shape.</summary>
    public static CmsEnvelope Parse(ReadOnlyMemory<byte> der)
    {
        try
        {
            return ParseCore(der.ToArray());
        }
        catch (Exception e) when (e is not (FormatException or OutOfMemoryException))
        {
            throw new FormatException("it is not a CMS SignedData (" + e.Message + ")", e);
        }
    }

    private static CmsEnvelope ParseCore(byte[] bytes)
    {
        Expect(bytes.Length > 0 && bytes[0] == 0x30, "it does not start with a SEQUENCE");
        var contentInfo = BcContentInfo.GetInstance(Asn1Object.FromByteArray(bytes));
        Expect(contentInfo.ContentType.Id == CmsFormat.SignedData, "the content type is not SignedData");
        Expect(contentInfo.GetEncoded(Asn1Encodable.Der).AsSpan().SequenceEqual(bytes), "the signature is not DER-encoded");
        var signedData = SignedData.GetInstance(contentInfo.Content);
        Expect(signedData.EncapContentInfo.ContentType.Id == CmsFormat.Data, "the encapsulated content type is not id-data");
        Expect(signedData.EncapContentInfo.Content is null, "the signature is not detached: it carries content");
        Expect(signedData.CRLs is null, "the SignedData carries CRLs, which FileFlow does not read from a signature");
        Expect(signedData.SignerInfos.Count == 1, "the SignedData does not have exactly one signer");
        var signerInfo = SignerInfo.GetInstance(signedData.SignerInfos[0]);
        var envelope = new CmsEnvelope(new CmsSignedData(contentInfo));
        var bySki = signerInfo.SignerID.IsTagged;
        Expect(signerInfo.Version.HasValue(bySki ? 3 : 1), $"the signer's version {signerInfo.Version} does not fit its identifier");
        Expect(signedData.Version.HasValue(bySki ? 3 : 1), $"the SignedData's version {signedData.Version} does not fit its signer");
        Expect(signedData.DigestAlgorithms.Count == 1
            && AlgorithmIdentifier.GetInstance(signedData.DigestAlgorithms[0]).Equals(signerInfo.DigestAlgorithm), "the digest algorithms are not the signer's");
        Expect(signerInfo.UnsignedAttrs is null, "the signer has unsigned attributes");
        Expect(signerInfo.SignedAttrs is not null, "the signer has no signed attributes");
        Expect(signerInfo.DigestAlgorithm.Parameters is null or DerNull, "the digest algorithm has parameters");
        Expect(signerInfo.SignatureAlgorithm.Parameters is null or DerNull, "the signature algorithm has parameters");

        var certificates = signedData.Certificates;
        foreach (var element in certificates?.Cast<Asn1Encodable>() ?? [])
        {
            Expect(element.ToAsn1Object() is Asn1Sequence, "the certificate set holds something other than X.509 certificates");
            envelope.Certificates.Add(X509CertificateStructure.GetInstance(element).GetEncoded(Asn1Encodable.Der));
        }

        var sid = signerInfo.SignerID.GetEncoded(Asn1Encodable.Der);
        envelope.SignerIdentifier = sid;
        envelope.CertificatesAndSigner = [.. certificates?.GetEncoded(Asn1Encodable.Der) ?? [], .. sid];
        envelope.DigestOid = signerInfo.DigestAlgorithm.Algorithm.Id;
        envelope.SignatureOid = signerInfo.SignatureAlgorithm.Algorithm.Id;
        envelope.Signature = signerInfo.Signature.GetOctets();
        envelope.SignedAttributes = signerInfo.SignedAttrs!.GetEncoded(Asn1Encodable.Der);
        envelope.ReadAttributes(signerInfo.SignedAttrs);
        return envelope;
    }

    private static void Expect(bool condition, string reason)
    {
        if (!condition)
        {
            throw new FormatException(reason);
        }
    }

    private void ReadAttributes(Asn1Set attributes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var hasContentType = false;
        foreach (var element in attributes.Cast<Asn1Encodable>())
        {
            var attribute = BcAttribute.GetInstance(element);
            var type = attribute.AttrType.Id;
            Expect(seen.Add(type), $"the signed attribute {type} appears twice");
            Expect(attribute.AttrValues.Count == 1, $"the signed attribute {type} does not have exactly one value");
            var value = attribute.AttrValues[0];
            switch (type)
            {
                case CmsFormat.ContentType:
                    Expect(DerObjectIdentifier.GetInstance(value).Id == CmsFormat.Data, "the content-type attribute is not id-data");
                    hasContentType = true;
                    break;
                case CmsFormat.MessageDigest:
                    MessageDigest = Asn1OctetString.GetInstance(value).GetOctets();
                    break;
                case CmsFormat.SigningTime:
                    SigningTime = new DateTimeOffset(DateTime.SpecifyKind(Org.BouncyCastle.Asn1.Cms.Time.GetInstance(value).ToDateTime(), DateTimeKind.Utc));
                    break;
                case CmsFormat.SigningCertificateV2:
                    var v2 = SigningCertificateV2.GetInstance(value).GetCerts()[0];
                    CertificateHashOid = v2.HashAlgorithm.Algorithm.Id;
                    CertificateHash = v2.GetCertHash();
                    break;
                case CmsFormat.SigningCertificate:
                    CertificateHashOid = "1.3.14.3.2.26";
                    CertificateHash = SigningCertificate.GetInstance(value).GetCerts()[0].GetCertHash();
                    break;
                default:
                    break;
            }
        }

        Expect(hasContentType, "the content-type attribute is missing");
        Expect(!MessageDigest.IsEmpty, "the message-digest attribute is missing");
        Expect(seen.Count(t => t is CmsFormat.SigningCertificate or CmsFormat.SigningCertificateV2) <= 1, "the signer has both signing-certificate attributes");
    }
}
