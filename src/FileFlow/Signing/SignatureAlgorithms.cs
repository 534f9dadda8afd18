namespace FileFlow.Signing;

/// <summary>Names of the signature schemes FileFlow signs and verifies.</summary>
public static class SignatureAlgorithms
{
    /// <summary>RSA-2048 with SHA-256, PKCS#1 v1.5: the profile of Indian DSC tokens today.</summary>
    public const string Rsa2048Sha256 = "rsa2048-sha256";

    /// <summary>ECDSA on P-256 with SHA-256 (DER-encoded signature).</summary>
    public const string EcdsaP256Sha256 = "ecdsa-p256-sha256";

    /// <summary>Ed25519 (RFC 8032).</summary>
    public const string Ed25519 = "ed25519";

    /// <summary>Gets every raw scheme supported by software keys.</summary>
    public static IReadOnlyList<string> All { get; } = [Rsa2048Sha256, EcdsaP256Sha256, Ed25519];
}
