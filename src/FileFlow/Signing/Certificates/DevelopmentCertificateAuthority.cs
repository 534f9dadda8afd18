using System.Security.Cryptography.X509Certificates;
using FileFlow.Signing.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using BcKeyUsage = Org.BouncyCastle.Asn1.X509.KeyUsage;

namespace FileFlow.Signing.Certificates;

/// <summary>A certificate authority for development, tests and simulations: a self-signed root, optional intermediates, officer certificates in the CCA document-signer shape, and CRLs.</summary>
/// <remarks>Thread-safe. Never a production authority: its keys live in memory. Real officers carry certificates from a licensed CA.</remarks>
public sealed class DevelopmentCertificateAuthority
{
    /// <summary>Class 3 individual certificate policy (CCA India).</summary>
    public const string Class3Policy = "2.16.356.100.2.3";

    /// <summary>Class 2 individual certificate policy (CCA India), carried alongside Class 3.</summary>
    public const string Class2Policy = "2.16.356.100.2.2";

    /// <summary>Document signer certificate policy (CCA India).</summary>
    public const string DocumentSignerPolicy = "2.16.356.100.10.1";

    /// <summary>Adobe's document-signing extended key usage.</summary>
    public const string AdobeDocumentSigningUsage = "1.2.840.113583.1.1.5";

    /// <summary>Microsoft's document-signing extended key usage.</summary>
    public const string MicrosoftDocumentSigningUsage = "1.3.6.1.4.1.311.10.3.12";

    private readonly AsymmetricKeyParameter privateKey;
    private readonly BcCertificate certificate;
    private readonly IReadOnlyList<BcCertificate> issuers;
    private readonly SecureRandom random;
    private readonly Lock gate = new();
    private readonly List<(BigInteger Serial, DateTimeOffset At, RevocationReason Reason)> revocations = [];
    private long crlNumber;
    private RawPrivateKey? nativeKey;

    private DevelopmentCertificateAuthority(AsymmetricKeyParameter privateKey, BcCertificate certificate, IReadOnlyList<BcCertificate> issuers, SecureRandom random)
    {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.issuers = issuers;
        this.random = random;
        Certificate = KeyMaterial.ToX509Certificate2(certificate);
        Chain = [Certificate, .. issuers.Select(KeyMaterial.ToX509Certificate2)];
    }

    /// <summary>Gets this authority's certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Gets this authority's certificate followed by its issuers up to the root.</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>Gets the root certificate: the trust anchor verifiers are configured with.</summary>
    public X509Certificate2 Root => Chain[^1];

    /// <summary>Creates a self-signed root authority.</summary>
    /// <param name="commonName">The root's common name, for example "FileFlow Development Root CA".</param>
    /// <param name="notBefore">The start of the root's validity.</param>
    /// <param name="notAfter">The end of the root's validity.</param>
    /// <param name="algorithm">The root's key type; RSA-2048 by default.</param>
    /// <exception cref="ArgumentException">The name is empty or the validity ends before it starts.</exception>
    public static DevelopmentCertificateAuthority CreateRoot(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter, CertificateKeyAlgorithm algorithm = CertificateKeyAlgorithm.Rsa2048)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        CheckValidity(notBefore, notAfter);
        var random = new SecureRandom();
        var keys = KeyMaterial.Generate(algorithm, random);
        var name = AuthorityName(commonName);
        var generator = NewGenerator(random, name, name, notBefore, notAfter, keys.Public);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
        generator.AddExtension(X509Extensions.KeyUsage, true, new BcKeyUsage(BcKeyUsage.KeyCertSign | BcKeyUsage.CrlSign));
        var root = generator.Generate(new Asn1SignatureFactory(KeyMaterial.CertificateSignatureName(keys.Private), keys.Private, random));
        return new DevelopmentCertificateAuthority(keys.Private, root, [], random);
    }

    /// <summary>Creates an intermediate authority whose certificate this authority signs.</summary>
    /// <exception cref="ArgumentException">The name is empty or the validity ends before it starts.</exception>
    public DevelopmentCertificateAuthority CreateIntermediate(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter, CertificateKeyAlgorithm algorithm = CertificateKeyAlgorithm.Rsa2048)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        CheckValidity(notBefore, notAfter);
        var keys = KeyMaterial.Generate(algorithm, random);
        var generator = NewGenerator(random, certificate.SubjectDN, AuthorityName(commonName), notBefore, notAfter, keys.Public);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(0));
        generator.AddExtension(X509Extensions.KeyUsage, true, new BcKeyUsage(BcKeyUsage.KeyCertSign | BcKeyUsage.CrlSign));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(certificate));
        var issued = Sign(generator);
        return new DevelopmentCertificateAuthority(keys.Private, issued, [certificate, .. issuers], random);
    }

    /// <summary>Issues an officer's certificate on a newly generated key, returning the key, the certificate and its chain.</summary>
    /// <exception cref="ArgumentException">The request has an empty name or officer id, or its validity ends before it starts.</exception>
    public OfficerCredential IssueOfficerCertificate(OfficerCertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Officer.Value, nameof(request));
        CheckValidity(request.NotBefore, request.NotAfter);
        var keys = KeyMaterial.Generate(request.Algorithm, random);
        return OfficerCredential.Create(keys.Private, IssueFor(request, keys.Public), [certificate, .. issuers]);
    }

    /// <summary>Issues an officer's certificate for a key generated elsewhere (on a PKCS#11 token or an HSM), in the same profile as <see cref="IssueOfficerCertificate(OfficerCertificateRequest)"/>.</summary>
    /// <param name="request">What the certificate says; its <see cref="OfficerCertificateRequest.Algorithm"/> must be the key's type.</param>
    /// <param name="subjectPublicKeyInfo">The officer's public key as a DER-encoded SubjectPublicKeyInfo.</param>
    /// <returns>The certificate; its issuers are this authority's <see cref="Chain"/>.</returns>
    /// <exception cref="ArgumentException">The request has an empty name or officer id, its validity ends before it starts,
    /// or the key is not a public key of the request's type.</exception>
    public X509Certificate2 IssueOfficerCertificate(OfficerCertificateRequest request, ReadOnlyMemory<byte> subjectPublicKeyInfo) =>
        KeyMaterial.ToX509Certificate2(IssueFor(request, ExternalPublicKey(request, subjectPublicKeyInfo)));

    /// <summary>Issues a service's certificate (see <see cref="IssueServiceCertificate(ServiceRole, OfficerCertificateRequest)"/>) for a key generated
    /// elsewhere, so the system, export, log or organisation key can live on a PKCS#11 token or an HSM.</summary>
    /// <param name="role">The one role the certificate states.</param>
    /// <param name="request">What the certificate says; its <see cref="OfficerCertificateRequest.Algorithm"/> must be the key's type.</param>
    /// <param name="subjectPublicKeyInfo">The service's public key as a DER-encoded SubjectPublicKeyInfo.</param>
    /// <exception cref="ArgumentException">The request is incomplete, or the key is not a public key of the request's type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The role is not defined.</exception>
    public X509Certificate2 IssueServiceCertificate(ServiceRole role, OfficerCertificateRequest request, ReadOnlyMemory<byte> subjectPublicKeyInfo)
    {
        _ = ServiceRoleUsage.Of(role);
        return KeyMaterial.ToX509Certificate2(IssueFor(request, ExternalPublicKey(request, subjectPublicKeyInfo), role));
    }

    private static AsymmetricKeyParameter ExternalPublicKey(OfficerCertificateRequest request, ReadOnlyMemory<byte> subjectPublicKeyInfo)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Officer.Value, nameof(request));
        CheckValidity(request.NotBefore, request.NotAfter);
        AsymmetricKeyParameter publicKey;
        try
        {
            publicKey = PublicKeyFactory.CreateKey(subjectPublicKeyInfo.ToArray());
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException or SecurityUtilityException)
        {
            throw new ArgumentException("The public key is not a DER-encoded SubjectPublicKeyInfo: " + e.Message, nameof(subjectPublicKeyInfo), e);
        }

        if (publicKey.IsPrivate || KeyMaterial.AlgorithmOf(publicKey) != request.Algorithm
            || publicKey is Org.BouncyCastle.Crypto.Parameters.RsaKeyParameters { Modulus.BitLength: not 2048 }
            || publicKey is Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters { Parameters.Curve.FieldSize: not 256 })
        {
            throw new ArgumentException($"The public key is not a {request.Algorithm} public key, as the request states.", nameof(subjectPublicKeyInfo));
        }

        return publicKey;
    }

    /// <summary>Issues a service's certificate on a newly generated key: the request's subject (its <see cref="OfficerCertificateRequest.Officer"/> is the
    /// service's id, for example <c>fileflow-system</c>) with exactly one FileFlow service role as its extended key usage, and no officer policy.</summary>
    /// <param name="role">The one role the certificate states (<see cref="ServiceRoleUsage"/>).</param>
    /// <param name="request">What the certificate says about the service.</param>
    /// <exception cref="ArgumentException">The request has an empty name or id, or its validity ends before it starts.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The role is not defined.</exception>
    public OfficerCredential IssueServiceCertificate(ServiceRole role, OfficerCertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _ = ServiceRoleUsage.Of(role);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Officer.Value, nameof(request));
        CheckValidity(request.NotBefore, request.NotAfter);
        var keys = KeyMaterial.Generate(request.Algorithm, random);
        return OfficerCredential.Create(keys.Private, IssueFor(request, keys.Public, role), [certificate, .. issuers]);
    }

    private BcCertificate IssueFor(OfficerCertificateRequest request, AsymmetricKeyParameter publicKey, ServiceRole? role = null)
    {
        var oids = new List<DerObjectIdentifier>();
        var values = new List<string>();
        void Add(DerObjectIdentifier oid, string value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                oids.Add(oid);
                values.Add(value);
            }
        }

        Add(X509Name.C, request.Country);
        Add(X509Name.O, request.Office);
        Add(X509Name.OU, request.Designation);
        Add(X509Name.ST, request.State);
        Add(X509Name.UID, request.Officer.Value);
        Add(X509Name.CN, request.Name);
        var generator = NewGenerator(random, certificate.SubjectDN, new X509Name(oids, values), request.NotBefore, request.NotAfter, publicKey);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        generator.AddExtension(X509Extensions.KeyUsage, true, new BcKeyUsage((int)request.KeyUsage));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(certificate));
        if (role is { } service)
        {
            // A service's certificate states its one role and nothing an officer's certificate states.
            generator.AddExtension(X509Extensions.ExtendedKeyUsage, false, new DerSequence(new DerObjectIdentifier(ServiceRoleUsage.Of(service))));
            return Sign(generator);
        }

        generator.AddExtension(X509Extensions.CertificatePolicies, false, new DerSequence(
            new PolicyInformation(new DerObjectIdentifier(Class3Policy)),
            new PolicyInformation(new DerObjectIdentifier(Class2Policy)),
            new PolicyInformation(new DerObjectIdentifier(DocumentSignerPolicy))));
        generator.AddExtension(X509Extensions.ExtendedKeyUsage, false, new DerSequence(
            KeyPurposeID.id_kp_emailProtection,
            new DerObjectIdentifier(AdobeDocumentSigningUsage),
            new DerObjectIdentifier(MicrosoftDocumentSigningUsage)));
        return Sign(generator);
    }

    /// <summary>Revokes a certificate this authority issued from a point in time; the next CRL lists it.</summary>
    /// <param name="issued">The certificate to revoke.</param>
    /// <param name="revokedAt">When the revocation takes effect: records signed before it stay valid, at or after it fail.</param>
    /// <param name="reason">Why the certificate is revoked.</param>
    /// <exception cref="ArgumentException">This authority did not issue the certificate.</exception>
    public void Revoke(X509Certificate2 issued, DateTimeOffset revokedAt, RevocationReason reason = RevocationReason.Unspecified)
    {
        ArgumentNullException.ThrowIfNull(issued);
        var parsed = KeyMaterial.ToBouncyCastle(issued);
        if (!parsed.IssuerDN.Equivalent(certificate.SubjectDN, inOrder: true))
        {
            throw new ArgumentException($"The certificate '{issued.Subject}' was issued by '{issued.Issuer}', not by this authority '{Certificate.Subject}'.", nameof(issued));
        }

        lock (gate)
        {
            revocations.Add((parsed.SerialNumber, revokedAt, reason));
        }
    }

    /// <summary>Issues a DER-encoded CRL listing every certificate revoked so far, signed by this authority.</summary>
    /// <param name="thisUpdate">The CRL's issue time.</param>
    /// <param name="nextUpdate">When the next CRL is due.</param>
    /// <exception cref="ArgumentException">The next update is not after this update.</exception>
    public byte[] IssueCrl(DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        CheckValidity(thisUpdate, nextUpdate);
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(certificate.SubjectDN);
        generator.SetThisUpdate(thisUpdate.UtcDateTime);
        generator.SetNextUpdate(nextUpdate.UtcDateTime);
        lock (gate)
        {
            foreach (var (serial, at, reason) in revocations)
            {
                generator.AddCrlEntry(serial, at.UtcDateTime, (int)reason);
            }

            crlNumber++;
            generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(crlNumber)));
        }

        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(certificate));
        return generator.Generate(new Asn1SignatureFactory(KeyMaterial.CertificateSignatureName(privateKey), privateKey, random)).GetEncoded();
    }

    private static X509Name AuthorityName(string commonName) =>
        new([X509Name.C, X509Name.O, X509Name.CN], ["IN", "FileFlow Development", commonName]);

    private static X509V3CertificateGenerator NewGenerator(SecureRandom random, X509Name issuer, X509Name subject, DateTimeOffset notBefore, DateTimeOffset notAfter, AsymmetricKeyParameter publicKey)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(new BigInteger(1, SecureRandom.GetNextBytes(random, 16)).SetBit(127));
        generator.SetIssuerDN(issuer);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(notBefore.UtcDateTime);
        generator.SetNotAfter(notAfter.UtcDateTime);
        generator.SetPublicKey(publicKey);
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(publicKey));
        return generator;
    }

    private static void CheckValidity(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        if (notAfter <= notBefore)
        {
            throw new ArgumentException($"The end {notAfter:O} must come after the start {notBefore:O}.", nameof(notAfter));
        }
    }

    private BcCertificate Sign(X509V3CertificateGenerator generator) => generator.Generate(SignatureFactory());

    /// <summary>Signs with the native key for RSA and ECDSA (made once), with BouncyCastle for Ed25519; the certificate bytes have the same form either way.</summary>
    private ISignatureFactory SignatureFactory()
    {
        var bouncyCastle = new Asn1SignatureFactory(KeyMaterial.CertificateSignatureName(privateKey), privateKey, random);
        if (privateKey is Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters)
        {
            return bouncyCastle;
        }

        return new NativeSignatureFactory(bouncyCastle, nativeKey ??= RawPrivateKey.FromPkcs8(KeyMaterial.Pkcs8(privateKey)));
    }
}
