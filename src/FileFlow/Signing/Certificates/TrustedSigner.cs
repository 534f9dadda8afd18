using System.Security.Cryptography;
using FileFlow.Organisation;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace FileFlow.Signing.Certificates;

/// <summary>What a verifier caches about one signer certificate: its native public key, its officer, and its chain's validity window, revocation and trust.</summary>
internal sealed class TrustedSigner
{
    private CertificatePath?[]? paths;

    public required string Thumbprint { get; init; }

    public required byte[] Sha256 { get; init; }

    public required byte[] Sha1 { get; init; }

    public required string Subject { get; init; }

    public required CertificateKeyAlgorithm KeyAlgorithm { get; init; }

    public RSA? Rsa { get; init; }

    public ECDsa? Ecdsa { get; init; }

    public Ed25519PublicKeyParameters? Ed25519 { get; init; }

    public OfficerId? Officer { get; init; }

    /// <summary>Gets the FileFlow service role the certificate states, or null for an officer's certificate.</summary>
    public Certificates.ServiceRole? Role { get; init; }

    /// <summary>Gets a failure of the signer certificate itself that does not depend on the signing time (wrong key usage), or null.</summary>
    public CertificateProblem? Problem { get; init; }

    /// <summary>Gets the DER of the signer certificate; parsed again only when a new interval's path is validated, so the cache holds no BouncyCastle objects.</summary>
    public required byte[] CertificateDer { get; init; }

    /// <summary>Gets the DER of every certificate the CMS carries, the signer's among them.</summary>
    public required byte[][] EmbeddedDer { get; init; }

    /// <summary>Gets the sorted instants (UTC ticks) at which some certificate's validity begins or ends: path validation is constant between them.</summary>
    public required long[] Boundaries { get; init; }

    /// <summary>Returns the path validated at <paramref name="at"/>, worked out once per interval between <see cref="Boundaries"/>.</summary>
    public CertificatePath PathAt(DateTimeOffset at, CertificateSignatureVerifier verifier)
    {
        var index = Array.BinarySearch(Boundaries, at.UtcTicks);
        var interval = index >= 0 ? index + 1 : ~index;

        // One slot per interval: a small array rather than a dictionary per signer. Two threads may validate the same interval at once;
        // validation is deterministic, so whichever result lands first is the one every record of the interval gets.
        var slots = Volatile.Read(ref paths) ?? Interlocked.CompareExchange(ref paths, new CertificatePath?[Boundaries.Length + 1], null) ?? paths;
        if (Volatile.Read(ref slots[interval]) is { } known)
        {
            return known;
        }

        var representative = interval == 0 ? at : new DateTimeOffset(Boundaries[interval - 1], TimeSpan.Zero);
        var embedded = Array.ConvertAll(EmbeddedDer, static der => new Org.BouncyCastle.X509.X509Certificate(der));
        var validated = verifier.ValidatePath(new Org.BouncyCastle.X509.X509Certificate(CertificateDer), embedded, representative);
        return Interlocked.CompareExchange(ref slots[interval], validated, null) ?? validated;
    }

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
