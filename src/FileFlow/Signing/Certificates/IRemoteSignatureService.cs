namespace FileFlow.Signing.Certificates;

/// <summary>A signing service outside the process (an eSign provider, a departmental signing server) that returns a detached CMS SignedData.</summary>
/// <remarks>Wrap it in a <see cref="RemoteCmsSigner"/> to sign records with it. Implementations are thread-safe.</remarks>
public interface IRemoteSignatureService
{
    /// <summary>Gets the SHA-256 thumbprint (lowercase hexadecimal, see <see cref="CertificateKeyId"/>) of the certificate the service signs this officer's records with.</summary>
    string CertificateKeyId { get; }

    /// <summary>Signs the request and returns a DER-encoded detached CMS SignedData over <see cref="RemoteSignatureRequest.Data"/> with the certificate embedded.</summary>
    ValueTask<byte[]> SignAsync(RemoteSignatureRequest request, CancellationToken cancellationToken = default);
}
