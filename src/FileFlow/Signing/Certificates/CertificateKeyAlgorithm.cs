namespace FileFlow.Signing.Certificates;

/// <summary>The key type of a certificate the development certificate authority issues.</summary>
public enum CertificateKeyAlgorithm
{
    /// <summary>RSA-2048, signing with PKCS#1 v1.5 and SHA-256: the profile of Indian DSC tokens today.</summary>
    Rsa2048 = 0,

    /// <summary>ECDSA on NIST P-256 with SHA-256.</summary>
    EcdsaP256 = 1,

    /// <summary>Ed25519 (RFC 8032); in CMS its message digest is SHA-512 (RFC 8419).</summary>
    Ed25519 = 2,
}
