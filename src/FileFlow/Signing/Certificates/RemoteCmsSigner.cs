using System.Formats.Asn1;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;

namespace FileFlow.Signing.Certificates;

/// <summary>Signs records through a remote service (eSign or a signing server) that returns detached CMS, checking each answer before it is stored.</summary>
/// <remarks>
/// Thread-safe. Each answer must be a detached CMS SignedData whose message digest is the record's SHA-256, whose signing time is the record's time
/// and whose signer certificate is the one named by <see cref="IRemoteSignatureService.CertificateKeyId"/>; otherwise signing fails with
/// <see cref="RemoteSignatureException"/> and the action is not stored. The full trust check is the verifier's.
/// </remarks>
public sealed class RemoteCmsSigner : ISigner
{
    private readonly IRemoteSignatureService service;

    /// <summary>Initializes a signer over a remote signing service.</summary>
    /// <exception cref="ArgumentException">The service names no certificate.</exception>
    public RemoteCmsSigner(IRemoteSignatureService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(service.CertificateKeyId, nameof(service));
        this.service = service;
        KeyId = service.CertificateKeyId;
    }

    /// <summary>Gets the thumbprint of the service's certificate for this officer, written into each record.</summary>
    public string KeyId { get; }

    /// <summary>Sends the record's bytes and digest to the service and returns its CMS once checked.</summary>
    /// <exception cref="RemoteSignatureException">The answer is not a detached CMS over the record, at its time, by the expected certificate.</exception>
    public async ValueTask<RecordSignature> SignAsync(ReadOnlyMemory<byte> data, DateTimeOffset signingTime, CancellationToken cancellationToken = default)
    {
        var digest = SHA256.HashData(data.Span);
        var cms = await service.SignAsync(new RemoteSignatureRequest(data, digest, signingTime), cancellationToken).ConfigureAwait(false);
        if (cms is null || cms.Length == 0)
        {
            throw new RemoteSignatureException("the answer is empty");
        }

        CmsEnvelope envelope;
        try
        {
            envelope = CmsEnvelope.Parse(cms);
        }
        catch (Exception e) when (e is AsnContentException or FormatException or ArgumentException)
        {
            throw new RemoteSignatureException("the answer is not a detached CMS SignedData (" + e.Message + ")", e);
        }

        Span<byte> expected = stackalloc byte[64];
        try
        {
            var length = CmsFormat.Digest(envelope.DigestOid, data.Span, expected);
            expected = expected[..length];
        }
        catch (CryptographicException e)
        {
            throw new RemoteSignatureException(e.Message, e);
        }

        if (!envelope.MessageDigest.Span.SequenceEqual(expected))
        {
            throw new RemoteSignatureException("its message digest is not the record's digest");
        }

        if (envelope.SigningTime?.ToUnixTimeSeconds() != signingTime.ToUnixTimeSeconds())
        {
            throw new RemoteSignatureException($"its signing time {envelope.SigningTime:O} is not the record's time {signingTime:O}");
        }

        if (!envelope.Certificates.Any(c => CertificateKeyId.Of(c.Span) == KeyId))
        {
            throw new RemoteSignatureException($"it does not carry the certificate '{KeyId}'");
        }

        if (envelope.Certificates.FirstOrDefault(c => SignerIdentifierMatches(c, envelope.SignerIdentifier.Span)) is not { IsEmpty: false } signer
            || CertificateKeyId.Of(signer.Span) != KeyId)
        {
            throw new RemoteSignatureException($"it is not signed with the certificate '{KeyId}'");
        }

        return new RecordSignature(CmsFormat.Name, cms);
    }

    private static bool SignerIdentifierMatches(ReadOnlyMemory<byte> certificate, ReadOnlySpan<byte> sid)
    {
        try
        {
            var parsed = Org.BouncyCastle.Asn1.X509.X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(certificate.ToArray()));
            return sid.SequenceEqual(new Org.BouncyCastle.Asn1.Cms.IssuerAndSerialNumber(parsed.Issuer, parsed.SerialNumber).GetDerEncoded());
        }
        catch (Exception e) when (e is ArgumentException or Asn1Exception or IOException or InvalidCastException)
        {
            return false;
        }
    }
}
