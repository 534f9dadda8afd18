using System.Security.Cryptography;
using FileFlow.Organisation;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace FileFlow.Signing.Certificates;

/// <summary>What a verifier caches about one signer certificate: its native public key, its officer, and its chain's validity window, revocation and trust.</summary>
internal sealed class TrustedSigner
{
    public required string Thumbprint { get; init; }

    public required byte[] Sha256 { get; init; }

    public required byte[] Sha1 { get; init; }

    public required byte[] SignerIdentifier { get; init; }

    public required string Subject { get; init; }

    public required CertificateKeyAlgorithm KeyAlgorithm { get; init; }

    public RSA? Rsa { get; init; }

    public ECDsa? Ecdsa { get; init; }

    public Ed25519PublicKeyParameters? Ed25519 { get; init; }

    public OfficerId? Officer { get; init; }

    /// <summary>Gets a failure independent of the signing time (untrusted chain, wrong key usage), or null.</summary>
    public CertificateProblem? Problem { get; init; }

    /// <summary>Gets each certificate of the chain with its validity, signer first.</summary>
    public IReadOnlyList<(string Subject, DateTimeOffset NotBefore, DateTimeOffset NotAfter)> Validity { get; init; } = [];

    public DateTimeOffset ValidFrom { get; init; } = DateTimeOffset.MinValue;

    public DateTimeOffset ValidUntil { get; init; } = DateTimeOffset.MaxValue;

    /// <summary>Gets the earliest revocation of any certificate in the chain, or null.</summary>
    public (string Subject, DateTimeOffset At, RevocationReason Reason)? Revocation { get; init; }

    public bool VerifySignature(string digestOid, string signatureOid, byte[] data, byte[] signature)
    {
        switch (KeyAlgorithm)
        {
            case CertificateKeyAlgorithm.Rsa2048 when signatureOid is CmsFormat.RsaEncryption or CmsFormat.Sha256WithRsa && digestOid == CmsFormat.Sha256:
                return Rsa!.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            case CertificateKeyAlgorithm.EcdsaP256 when signatureOid == CmsFormat.EcdsaWithSha256 && digestOid == CmsFormat.Sha256:
                return Ecdsa!.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            case CertificateKeyAlgorithm.Ed25519 when signatureOid == CmsFormat.Ed25519:
                var verifier = new Ed25519Signer();
                verifier.Init(false, Ed25519);
                verifier.BlockUpdate(data);
                return verifier.VerifySignature(signature);
            default:
                throw new CryptographicException($"signature algorithm {signatureOid} with digest {digestOid} does not fit the certificate's {KeyAlgorithm} key");
        }
    }
}
