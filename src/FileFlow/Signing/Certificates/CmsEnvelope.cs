using System.Formats.Asn1;

namespace FileFlow.Signing.Certificates;

/// <summary>The parts of a detached CMS SignedData with one signer that verification needs, read without copying the certificates.</summary>
internal sealed class CmsEnvelope
{
    private CmsEnvelope()
    {
    }

    public List<ReadOnlyMemory<byte>> Certificates { get; } = [];

    public ReadOnlyMemory<byte> SignerIdentifier { get; private set; }

    public string DigestOid { get; private set; } = string.Empty;

    /// <summary>Gets the signed attributes re-tagged as the SET that was signed.</summary>
    public byte[] SignedAttributes { get; private set; } = [];

    public string SignatureOid { get; private set; } = string.Empty;

    public byte[] Signature { get; private set; } = [];

    public bool HasContentType { get; private set; }

    public ReadOnlyMemory<byte> MessageDigest { get; private set; }

    public DateTimeOffset? SigningTime { get; private set; }

    public string? CertificateHashOid { get; private set; }

    public ReadOnlyMemory<byte>? CertificateHash { get; private set; }

    /// <summary>Parses <paramref name="der"/>; throws <see cref="AsnContentException"/> or <see cref="FormatException"/> when it is not the expected shape.</summary>
    public static CmsEnvelope Parse(ReadOnlyMemory<byte> der)
    {
        var envelope = new CmsEnvelope();
        var outer = new AsnReader(der, AsnEncodingRules.BER);
        var contentInfo = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        Expect(contentInfo.ReadObjectIdentifier() == CmsFormat.SignedData, "the content type is not SignedData");
        var wrapper = contentInfo.ReadSequence(CmsFormat.Context0);
        contentInfo.ThrowIfNotEmpty();
        var signedData = wrapper.ReadSequence();
        wrapper.ThrowIfNotEmpty();
        signedData.ReadInteger();
        signedData.ReadSetOf(skipSortOrderValidation: true);
        var encapsulated = signedData.ReadSequence();
        Expect(encapsulated.ReadObjectIdentifier() == CmsFormat.Data, "the encapsulated content type is not id-data");
        Expect(!encapsulated.HasData, "the signature is not detached: it carries content");
        if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(CmsFormat.Context0))
        {
            var certificates = signedData.ReadSetOf(skipSortOrderValidation: true, CmsFormat.Context0);
            while (certificates.HasData)
            {
                envelope.Certificates.Add(certificates.ReadEncodedValue());
            }
        }

        if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(CmsFormat.Context1))
        {
            signedData.ReadEncodedValue();
        }

        var signerInfos = signedData.ReadSetOf(skipSortOrderValidation: true);
        signedData.ThrowIfNotEmpty();
        var signerInfo = signerInfos.ReadSequence();
        Expect(!signerInfos.HasData, "the SignedData has more than one signer");
        signerInfo.ReadInteger();
        envelope.SignerIdentifier = signerInfo.ReadEncodedValue();
        envelope.DigestOid = ReadAlgorithm(signerInfo);
        Expect(signerInfo.HasData && signerInfo.PeekTag().HasSameClassAndValue(CmsFormat.Context0), "the signer has no signed attributes");
        var attributes = signerInfo.ReadEncodedValue().ToArray();
        attributes[0] = 0x31;
        envelope.SignedAttributes = attributes;
        envelope.SignatureOid = ReadAlgorithm(signerInfo);
        envelope.Signature = signerInfo.ReadOctetString();
        envelope.ReadAttributes();
        return envelope;
    }

    private static string ReadAlgorithm(AsnReader reader)
    {
        var algorithm = reader.ReadSequence();
        return algorithm.ReadObjectIdentifier();
    }

    private static void Expect(bool condition, string reason)
    {
        if (!condition)
        {
            throw new FormatException(reason);
        }
    }

    private void ReadAttributes()
    {
        var set = new AsnReader(SignedAttributes, AsnEncodingRules.BER).ReadSetOf(skipSortOrderValidation: true);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (set.HasData)
        {
            var attribute = set.ReadSequence();
            var type = attribute.ReadObjectIdentifier();
            Expect(seen.Add(type), $"the signed attribute {type} appears twice");
            var values = attribute.ReadSetOf(skipSortOrderValidation: true);
            switch (type)
            {
                case CmsFormat.ContentType:
                    Expect(values.ReadObjectIdentifier() == CmsFormat.Data, "the content-type attribute is not id-data");
                    HasContentType = true;
                    break;
                case CmsFormat.MessageDigest:
                    MessageDigest = values.ReadOctetString();
                    break;
                case CmsFormat.SigningTime:
                    SigningTime = values.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? values.ReadUtcTime() : values.ReadGeneralizedTime();
                    break;
                case CmsFormat.SigningCertificateV2:
                    ReadEssCertId(values, v2: true);
                    break;
                case CmsFormat.SigningCertificate:
                    ReadEssCertId(values, v2: false);
                    break;
                default:
                    values.ReadEncodedValue();
                    break;
            }

            Expect(!values.HasData, $"the signed attribute {type} has more than one value");
        }

        Expect(HasContentType, "the content-type attribute is missing");
        Expect(!MessageDigest.IsEmpty, "the message-digest attribute is missing");
    }

    private void ReadEssCertId(AsnReader values, bool v2)
    {
        var signingCertificate = values.ReadSequence();
        var ids = signingCertificate.ReadSequence();
        var first = ids.ReadSequence();
        var hashOid = "1.3.14.3.2.26";
        if (v2)
        {
            hashOid = CmsFormat.Sha256;
            if (first.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                hashOid = ReadAlgorithm(first);
            }
        }

        CertificateHashOid = hashOid;
        CertificateHash = first.ReadOctetString();
    }
}
