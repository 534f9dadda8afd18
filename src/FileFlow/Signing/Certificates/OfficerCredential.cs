using System.Security.Cryptography.X509Certificates;
using FileFlow.Organisation;
using FileFlow.Signing.Keys;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace FileFlow.Signing.Certificates;

/// <summary>An officer's software credential: a private key with its certificate and issuer chain, as held in a PKCS#12 (.pfx) file.</summary>
/// <remarks>Thread-safe. The private key stays in memory and is never logged; hardware tokens plug in through <see cref="IRawSigner"/> instead.</remarks>
public sealed class OfficerCredential
{
    // A credential paired from a native key (FromKey) keeps no BouncyCastle objects until an export asks for them: a simulation holds
    // tens of thousands of credentials, and their parsed certificates and key parameters were most of its memory.
    private AsymmetricKeyParameter? privateKey;
    private BcCertificate? certificate;
    private IReadOnlyList<BcCertificate>? issuers;
    private SoftwareRawSigner? rawSigner;
    private readonly RawPrivateKey? nativeKey;

    private OfficerCredential(RawPrivateKey nativeKey, CertificateKeyAlgorithm algorithm, X509Certificate2 certificate, X509Certificate2[] chain, OfficerId? officer)
    {
        this.nativeKey = nativeKey;
        Algorithm = algorithm;
        Certificate = certificate;
        Chain = chain;
        KeyId = CertificateKeyId.Of(Certificate);
        Officer = officer;
    }

    private OfficerCredential(AsymmetricKeyParameter privateKey, BcCertificate certificate, IReadOnlyList<BcCertificate> issuers)
    {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.issuers = issuers;
        Algorithm = KeyMaterial.AlgorithmOf(privateKey);
        Certificate = KeyMaterial.ToX509Certificate2(certificate);
        Chain = issuers.Select(KeyMaterial.ToX509Certificate2).ToArray();
        KeyId = CertificateKeyId.Of(Certificate);
        Officer = KeyMaterial.OfficerOf(certificate.SubjectDN);
    }

    /// <summary>Gets the officer's certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Gets the issuers of the certificate, nearest first, up to (and including, when the file holds it) the root.</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>Gets the key identifier written into records this credential signs: the certificate's SHA-256 thumbprint in lowercase hexadecimal.</summary>
    public string KeyId { get; }

    /// <summary>Gets the FileFlow officer named by the certificate's UID attribute, or <see langword="null"/> when it carries none.</summary>
    public OfficerId? Officer { get; }

    /// <summary>Gets the key type.</summary>
    public CertificateKeyAlgorithm Algorithm { get; }

    /// <summary>Loads a credential from a password-protected PKCS#12 (.pfx or .p12) file.</summary>
    /// <exception cref="InvalidCredentialPasswordException">The password is wrong.</exception>
    /// <exception cref="CredentialFormatException">The file is not a PKCS#12 file with one private key and its certificate.</exception>
    public static OfficerCredential LoadPkcs12(string path, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        return LoadPkcs12(stream, password);
    }

    /// <summary>Loads a credential from a stream holding a password-protected PKCS#12 file.</summary>
    /// <exception cref="InvalidCredentialPasswordException">The password is wrong.</exception>
    /// <exception cref="CredentialFormatException">The stream is not a PKCS#12 file with one private key and its certificate.</exception>
    public static OfficerCredential LoadPkcs12(Stream stream, string password)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(password);
        var store = new Pkcs12StoreBuilder().Build();
        try
        {
            store.Load(stream, password.ToCharArray());
        }
        catch (IOException e) when (e.Message.Contains("wrong password", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("MAC invalid", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidCredentialPasswordException(e);
        }
        catch (Exception e) when (e is IOException or Org.BouncyCastle.Security.SecurityUtilityException or Org.BouncyCastle.Crypto.InvalidCipherTextException or ArgumentException or InvalidOperationException)
        {
            throw new CredentialFormatException("The PKCS#12 data could not be read: " + e.Message, e);
        }

        var aliases = store.Aliases.Where(store.IsKeyEntry).ToList();
        if (aliases.Count != 1)
        {
            throw new CredentialFormatException($"The PKCS#12 data holds {aliases.Count} private keys; an officer's credential holds exactly one.");
        }

        var chain = store.GetCertificateChain(aliases[0]);
        var key = store.GetKey(aliases[0]).Key;
        if (chain is null || chain.Length == 0)
        {
            throw new CredentialFormatException("The PKCS#12 data holds a private key without its certificate.");
        }

        try
        {
            KeyMaterial.AlgorithmOf(key);
        }
        catch (ArgumentException e)
        {
            throw new CredentialFormatException(e.Message, e);
        }

        return new OfficerCredential(key, chain[0].Certificate, chain.Skip(1).Select(c => c.Certificate).ToArray());
    }

    /// <summary>Exports the key, certificate and chain as a PKCS#12 file protected by <paramref name="password"/> (AES-256-CBC, PBKDF2 with HMAC-SHA-256).</summary>
    /// <exception cref="ArgumentException">The password is empty.</exception>
    public byte[] ExportPkcs12(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var store = new Pkcs12StoreBuilder()
            .SetKeyAlgorithm(NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256)
            .SetCertAlgorithm(NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256)
            .SetUseDerEncoding(true)
            .Build();
        var alias = Officer?.Value ?? KeyId;
        store.SetKeyEntry(alias, new AsymmetricKeyEntry(PrivateKey), [new X509CertificateEntry(BcCertificate), .. BcIssuers.Select(c => new X509CertificateEntry(c))]);
        using var output = new MemoryStream();
        store.Save(output, password.ToCharArray(), new SecureRandom());
        return output.ToArray();
    }

    /// <summary>Creates a CMS signer that signs with this credential's key and embeds its certificate and chain.</summary>
    public CmsSigner CreateSigner() => new(RawSigner);

    /// <summary>Gets a raw signer over this credential's key: native RSA or ECDSA, Ed25519 through BouncyCastle.</summary>
    public IRawSigner RawSigner => rawSigner ??= new SoftwareRawSigner(nativeKey ?? RawPrivateKey.FromPkcs8(KeyMaterial.Pkcs8(PrivateKey)), Certificate, Issuers());

    private AsymmetricKeyParameter PrivateKey => privateKey ??= PrivateKeyFactory.CreateKey(nativeKey!.ExportPkcs8());

    private BcCertificate BcCertificate => certificate ??= KeyMaterial.ToBouncyCastle(Certificate);

    private IReadOnlyList<BcCertificate> BcIssuers => issuers ??= Chain.Select(KeyMaterial.ToBouncyCastle).ToArray();

    /// <summary>The chain without a self-signed root, as CMS embeds it.</summary>
    private X509Certificate2[] Issuers() => Chain.Where(c => !c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData)).ToArray();

    /// <summary>Pairs a software key with the certificate an authority issued for it, as a token pairs its key with the certificate loaded onto it.</summary>
    /// <param name="key">The private key; its public half must be the certificate's public key.</param>
    /// <param name="certificate">The certificate issued for <paramref name="key"/>.</param>
    /// <param name="chain">The issuers of the certificate, nearest first; kept as given (not copied), so every officer of one authority shares them.</param>
    /// <exception cref="ArgumentException">The certificate's public key is not the key's public key.</exception>
    public static OfficerCredential FromKey(SoftwareKey key, X509Certificate2 certificate, IEnumerable<X509Certificate2> chain)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(chain);
        var certificateKey = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        if (!certificateKey.AsSpan().SequenceEqual(key.PublicKeyInfo.Span)
            && !Spki(PublicKeyFactory.CreateKey(certificateKey)).AsSpan().SequenceEqual(Spki(PublicKeyFactory.CreateKey(key.PublicKeyInfo.ToArray()))))
        {
            throw new ArgumentException($"The certificate '{certificate.Subject}' is not issued for key '{key.KeyId}': their public keys differ.", nameof(certificate));
        }

        // The key is already parsed for signing: the credential signs through it rather than parsing (and checking) the key again.
        // The officer's certificate is copied (the caller may dispose theirs); the issuers, shared by every officer of an authority, are kept as given.
        var copy = X509CertificateLoader.LoadCertificate(certificate.RawData);
        return new OfficerCredential(
            key.RawKey, CmsFormat.KeyAlgorithmOf(copy.PublicKey.Oid.Value!), copy, [.. chain], KeyMaterial.OfficerOf(X509Name.GetInstance(copy.SubjectName.RawData)));
    }

    private static byte[] Spki(AsymmetricKeyParameter publicKey) => Org.BouncyCastle.X509.SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetDerEncoded();

    internal static OfficerCredential Create(AsymmetricKeyParameter privateKey, BcCertificate certificate, IReadOnlyList<BcCertificate> issuers) =>
        new(privateKey, certificate, issuers);
}
