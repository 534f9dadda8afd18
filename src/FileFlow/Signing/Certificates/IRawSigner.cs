using System.Security.Cryptography.X509Certificates;

namespace FileFlow.Signing.Certificates;

/// <summary>The private-key operation behind a <see cref="CmsSigner"/>: a software key, a PKCS#11 USB token or an HSM implements it.</summary>
/// <remarks>
/// The scheme follows the certificate's key: RSA signs with PKCS#1 v1.5 over SHA-256, ECDSA with SHA-256 returning a DER (RFC 3279) signature,
/// Ed25519 signs the bytes themselves (PureEdDSA). A token that only signs digests computes SHA-256 of the data itself
/// (for raw RSA mechanisms such as <c>CKM_RSA_PKCS</c>, wrapped in a DigestInfo). Implementations are thread-safe.
/// </remarks>
public interface IRawSigner
{
    /// <summary>Gets the signer's certificate; its public key matches the private key that signs.</summary>
    X509Certificate2 Certificate { get; }

    /// <summary>Gets the issuer certificates embedded with each signature, nearest first (the root may be left out).</summary>
    IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>Signs <paramref name="data"/> (the DER-encoded CMS signed attributes, a few hundred bytes) and returns the signature value.</summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);
}
