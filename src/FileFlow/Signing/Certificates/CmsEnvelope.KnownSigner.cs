using System.Buffers;
using System.Formats.Asn1;
using FileFlow.Records;

namespace FileFlow.Signing.Certificates;

/// <summary>The quick read of a signature whose signer was seen before: the per-signature parts in DER by <see cref="AsnReader"/>, no BouncyCastle.</summary>
/// <remarks>
/// Accepts only the shape FileFlow writes, read in DER mode (which rejects any non-DER length, set order, integer, time or string), and only a subset
/// of what <see cref="Parse"/> accepts: anything else returns <see langword="null"/> and takes the strict path, which gives the verdict and its reason.
/// The parts that are the same for every signature by one signer (the certificate set, the signer identifier and the signing-certificate attribute)
/// are not read here but hashed into <see cref="KnownSignerKey"/>: the verifier trusts them only when exactly those bytes passed <see cref="Parse"/> before.
/// </remarks>
internal sealed partial class CmsEnvelope
{
    private static readonly Asn1Tag SubjectKeyIdentifier = new(TagClass.ContextSpecific, 0);

    /// <summary>Gets the SHA-256 over the parts that stay the same for one signer (certificate set, signer identifier, signing-certificate attribute),
    /// each prefixed with its length; set by <see cref="TryReadKnownShape"/> only.</summary>
    public Hash256 KnownSignerKey { get; private set; }

    /// <summary>Reads <paramref name="der"/> when it has exactly the shape FileFlow writes; otherwise returns <see langword="null"/>.</summary>
    public static CmsEnvelope? TryReadKnownShape(ReadOnlyMemory<byte> der)
    {
        try
        {
            return ReadKnownShape(der);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever this reader cannot take, the strict path judges.
            return null;
        }
    }

    /// <summary>Takes the signing-certificate values the strict parse of the same signer's constant parts found.</summary>
    public CmsEnvelope WithSigningCertificate(string? hashOid, ReadOnlyMemory<byte>? hash)
    {
        CertificateHashOid = hashOid;
        CertificateHash = hash;
        return this;
    }

    private static CmsEnvelope? ReadKnownShape(ReadOnlyMemory<byte> der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var contentInfo = outer.ReadSequence();
        if (outer.HasData || contentInfo.ReadObjectIdentifier() != CmsFormat.SignedData)
        {
            return null;
        }

        var explicitContent = contentInfo.ReadSequence(CmsFormat.Context0);
        var signedData = explicitContent.ReadSequence();
        if (contentInfo.HasData || explicitContent.HasData || !signedData.TryReadInt32(out var version))
        {
            return null;
        }

        var digestAlgorithms = signedData.ReadSetOf();
        var digestAlgorithm = digestAlgorithms.ReadEncodedValue();
        var encapsulated = signedData.ReadSequence();
        if (digestAlgorithms.HasData || encapsulated.ReadObjectIdentifier() != CmsFormat.Data || encapsulated.HasData)
        {
            return null;
        }

        var certificates = signedData.PeekTag() == CmsFormat.Context0 ? signedData.ReadEncodedValue() : ReadOnlyMemory<byte>.Empty;
        var signerInfos = signedData.ReadSetOf();
        var signerInfo = signerInfos.ReadSequence();
        if (signedData.HasData || signerInfos.HasData || !signerInfo.TryReadInt32(out var signerVersion))
        {
            return null;
        }

        var sidTag = signerInfo.PeekTag();
        var sid = signerInfo.ReadEncodedValue();
        var bySki = sidTag == SubjectKeyIdentifier;
        if ((!bySki && sidTag != Asn1Tag.Sequence) || signerVersion != (bySki ? 3 : 1) || version != signerVersion)
        {
            return null;
        }

        var signerDigest = signerInfo.ReadEncodedValue();
        if (!signerDigest.Span.SequenceEqual(digestAlgorithm.Span) || AlgorithmOid(signerDigest) is not { } digestOid)
        {
            return null;
        }

        if (signerInfo.PeekTag() != CmsFormat.Context0)
        {
            return null;
        }

        var signedAttributes = signerInfo.PeekEncodedValue();
        var envelope = new CmsEnvelope(null);
        var signingCertificate = envelope.ReadKnownAttributes(signerInfo.ReadSetOf(CmsFormat.Context0));
        if (signingCertificate is not { } constantAttribute || AlgorithmOid(signerInfo.ReadEncodedValue()) is not { } signatureOid
            || !signerInfo.TryReadPrimitiveOctetString(out var signature) || signerInfo.HasData)
        {
            return null;
        }

        envelope.DigestOid = digestOid;
        envelope.SignatureOid = signatureOid;
        envelope.Signature = signature.ToArray();
        var set = signedAttributes.ToArray();
        set[0] = 0x31;
        envelope.SignedAttributes = set;
        envelope.KnownSignerKey = HashConstantParts(certificates.Span, sid.Span, constantAttribute.Span);
        return envelope;
    }

    /// <summary>An AlgorithmIdentifier's OID when its parameters are absent or NULL, else null.</summary>
    private static string? AlgorithmOid(ReadOnlyMemory<byte> encoded)
    {
        var reader = new AsnReader(encoded, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        var oid = sequence.ReadObjectIdentifier();
        if (sequence.HasData)
        {
            sequence.ReadNull();
        }

        return sequence.HasData || reader.HasData ? null : oid;
    }

    /// <summary>Reads content type, message digest and signing time; returns the signing-certificate attribute's encoding (empty when there is none),
    /// or null for any attribute or value FileFlow does not write, a repeated attribute, or a missing content type or message digest.</summary>
    private ReadOnlyMemory<byte>? ReadKnownAttributes(AsnReader attributes)
    {
        ReadOnlyMemory<byte>? signingCertificate = null;
        var contentType = false;
        while (attributes.HasData)
        {
            var encoded = attributes.PeekEncodedValue();
            var attribute = attributes.ReadSequence();
            var type = attribute.ReadObjectIdentifier();
            var values = attribute.ReadSetOf();
            if (attribute.HasData)
            {
                return null;
            }

            switch (type)
            {
                case CmsFormat.ContentType when !contentType:
                    contentType = values.ReadObjectIdentifier() == CmsFormat.Data;
                    if (!contentType)
                    {
                        return null;
                    }

                    break;
                case CmsFormat.MessageDigest when MessageDigest.IsEmpty:
                    if (!values.TryReadPrimitiveOctetString(out var digest) || digest.IsEmpty)
                    {
                        return null;
                    }

                    MessageDigest = digest;
                    break;
                case CmsFormat.SigningTime when SigningTime is null:
                    SigningTime = ReadTime(values);
                    if (SigningTime is null)
                    {
                        return null;
                    }

                    break;
                case CmsFormat.SigningCertificateV2 or CmsFormat.SigningCertificate when signingCertificate is null:
                    signingCertificate = encoded;
                    values.ReadEncodedValue();
                    break;
                default:
                    return null;
            }

            if (values.HasData)
            {
                return null;
            }
        }

        return contentType && !MessageDigest.IsEmpty ? signingCertificate ?? ReadOnlyMemory<byte>.Empty : null;
    }

    /// <summary>A signing time in the form FileFlow writes: UTCTime or GeneralizedTime to the second, in UTC, without fractions.</summary>
    private static DateTimeOffset? ReadTime(AsnReader values)
    {
        var tag = values.PeekTag();
        var length = values.PeekContentBytes().Length;
        if (tag == Asn1Tag.UtcTime && length == "YYMMDDhhmmssZ".Length)
        {
            return values.ReadUtcTime();
        }

        return tag == Asn1Tag.GeneralizedTime && length == "YYYYMMDDhhmmssZ".Length ? values.ReadGeneralizedTime() : null;
    }

    private static int Append(Span<byte> buffer, int at, ReadOnlySpan<byte> part)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(buffer[at..], part.Length);
        part.CopyTo(buffer[(at + 4)..]);
        return at + 4 + part.Length;
    }

    private static Hash256 HashConstantParts(ReadOnlySpan<byte> certificates, ReadOnlySpan<byte> sid, ReadOnlySpan<byte> signingCertificate)
    {
        var length = certificates.Length + sid.Length + signingCertificate.Length + 12;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = buffer.AsSpan(0, length);
            var at = Append(span, 0, certificates);
            at = Append(span, at, sid);
            Append(span, at, signingCertificate);
            return Hash256.Compute(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
