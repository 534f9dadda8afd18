using FileFlow.Signing.Keys;

namespace FileFlow.Signing;

/// <summary>A private key held in memory, for development, tests and simulations; real officers sign with their DSC on a token.</summary>
/// <remarks>
/// RSA and ECDSA keys sign through the platform's native cryptography, Ed25519 through BouncyCastle; the key is parsed once and one
/// signer serves every signature. Thread-safe. Never logged or serialised by FileFlow unless <see cref="ExportPkcs8"/> is called.
/// </remarks>
public sealed class SoftwareKey
{
    private readonly RawPrivateKey key;
    private readonly SoftwareSigner signer;

    private SoftwareKey(string keyId, RawPrivateKey key)
    {
        KeyId = keyId;
        this.key = key;
        PublicKeyInfo = key.PublicKeyInfo;
        signer = new SoftwareSigner(keyId, key);
    }

    /// <summary>Gets the key's identifier.</summary>
    public string KeyId { get; }

    /// <summary>Gets the scheme, one of <see cref="SignatureAlgorithms"/>.</summary>
    public string Algorithm => key.Algorithm;

    /// <summary>Gets the parsed key, for credentials that pair it with a certificate.</summary>
    internal RawPrivateKey RawKey => key;

    /// <summary>Gets the DER-encoded SubjectPublicKeyInfo of the public key.</summary>
    public ReadOnlyMemory<byte> PublicKeyInfo { get; }

    /// <summary>Generates a new key for a scheme from the platform's strong random source.</summary>
    /// <param name="keyId">The identifier written into each record the key signs.</param>
    /// <param name="algorithm">One of <see cref="SignatureAlgorithms"/>; RSA-2048 with SHA-256 by default.</param>
    /// <exception cref="ArgumentException">The scheme is not supported.</exception>
    public static SoftwareKey Generate(string keyId, string algorithm = SignatureAlgorithms.Rsa2048Sha256)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        return new SoftwareKey(keyId, RawPrivateKey.Generate(algorithm));
    }

    /// <summary>Derives a key from a seed: the same seed and scheme always give the same key, so simulations and test processes can be repeated.</summary>
    /// <remarks>Never for real officers: anyone who knows the seed has the key.</remarks>
    /// <exception cref="ArgumentException">The scheme is not supported or the seed is empty.</exception>
    public static SoftwareKey FromSeed(string keyId, string algorithm, ReadOnlySpan<byte> seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        if (seed.IsEmpty)
        {
            throw new ArgumentException("The seed is empty.", nameof(seed));
        }

        return new SoftwareKey(keyId, RawPrivateKey.FromSeed(algorithm, seed));
    }

    /// <summary>Reads a key from its PKCS#8 PrivateKeyInfo (as <see cref="ExportPkcs8"/> writes it); the scheme follows from the key.</summary>
    /// <exception cref="ArgumentException">The bytes are not a PKCS#8 key of RSA-2048, ECDSA P-256 or Ed25519.</exception>
    public static SoftwareKey ImportPkcs8(string keyId, ReadOnlySpan<byte> pkcs8)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        return new SoftwareKey(keyId, RawPrivateKey.FromPkcs8(pkcs8));
    }

    /// <summary>Returns the private key as unencrypted PKCS#8 DER: keep it as secret as the key itself.</summary>
    public byte[] ExportPkcs8() => key.ExportPkcs8();

    /// <summary>Returns the signer for this key; it is made once, and every call returns the same one.</summary>
    public ISigner CreateSigner() => signer;
}
