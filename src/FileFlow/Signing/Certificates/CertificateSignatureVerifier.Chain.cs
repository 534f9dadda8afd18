using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FileFlow.Organisation;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkix;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using Org.BouncyCastle.X509.Store;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace FileFlow.Signing.Certificates;

/// <summary>The per-certificate-set cache, path validation through BouncyCastle's PKIX builder, and revocation from the known CRLs.</summary>
public sealed partial class CertificateSignatureVerifier
{
    private const int MaxChainLength = 8;
    private readonly BcCertificate[] anchors;
    private readonly byte[][] anchorDers;
    private readonly X509Crl[] crls;
    private readonly Func<X509Certificate2, OfficerId?>? officerResolver;
    private readonly OfficerId? systemOfficer;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Records.Hash256, byte[]> interned = new();

    private static X509Crl ParseCrl(byte[] der)
    {
        ArgumentNullException.ThrowIfNull(der);
        try
        {
            return new X509Crl(der);
        }
        catch (Exception e) when (e is ArgumentException or Asn1Exception or IOException or InvalidCastException)
        {
            throw new ArgumentException("A CRL is not a DER-encoded X.509 CRL: " + e.Message, nameof(der), e);
        }
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    /// <summary>Returns what is cached for the envelope's exact certificate set and signer identifier, working it out on first sight.</summary>
    private TrustedSigner? FindSigner(CmsEnvelope envelope, out CertificateProblem? problem)
    {
        problem = null;
        var key = Convert.ToHexString(SHA256.HashData(envelope.CertificatesAndSigner));
        if (signers.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (unusable.TryGetValue(key, out problem))
        {
            return null;
        }

        var built = Build(envelope, out problem);
        if (built is null)
        {
            problem = unusable.GetOrAdd(key, problem!);
            return null;
        }

        return signers.GetOrAdd(key, built);
    }

    private TrustedSigner? Build(CmsEnvelope envelope, out CertificateProblem? problem)
    {
        problem = null;
        List<BcCertificate> embedded;
        BcCertificate signerCertificate;
        try
        {
            embedded = [.. envelope.Cms!.GetCertificates().EnumerateMatches(null)];
            var signerInfo = envelope.Cms!.GetSignerInfos().GetSigners().Single();
            var matches = envelope.Cms!.GetCertificates().EnumerateMatches(signerInfo.SignerID).ToList();
            if (matches.Count != 1)
            {
                problem = new(SignatureFailure.UnknownKey, matches.Count == 0
                    ? "the CMS does not carry the signer's certificate"
                    : "the CMS carries more than one certificate that fits the signer identifier");
                return null;
            }

            signerCertificate = matches[0];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problem = new(SignatureFailure.Malformed, "an embedded certificate is malformed: " + e.Message);
            return null;
        }

        var der = signerCertificate.GetEncoded();
        try
        {
            return Build(signerCertificate, der, embedded);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the key import or a certificate field throws (a changed curve OID gives PlatformNotSupportedException), it is a verdict.
            problem = new(SignatureFailure.Malformed, $"the signer certificate '{signerCertificate.SubjectDN}' is not usable: {e.Message}");
            return null;
        }
    }

    private TrustedSigner Build(BcCertificate certificate, byte[] der, List<BcCertificate> embedded)
    {
        var spki = certificate.SubjectPublicKeyInfo;
        var keyAlgorithm = CmsFormat.KeyAlgorithmOf(spki.Algorithm.Algorithm.Id);
        RSA? rsa = null;
        ECDsa? ecdsa = null;
        Ed25519PublicKeyParameters? ed25519 = null;
        switch (keyAlgorithm)
        {
            case CertificateKeyAlgorithm.Rsa2048:
                rsa = RSA.Create();
                rsa.ImportSubjectPublicKeyInfo(spki.GetDerEncoded(), out _);
                break;
            case CertificateKeyAlgorithm.EcdsaP256:
                ecdsa = ECDsa.Create();
                ecdsa.ImportSubjectPublicKeyInfo(spki.GetDerEncoded(), out _);
                break;
            default:
                ed25519 = (Ed25519PublicKeyParameters)certificate.GetPublicKey();
                break;
        }

        var subject = certificate.SubjectDN.ToString();
        OfficerId? officer;
        if (officerResolver is not null)
        {
            using var x509 = X509CertificateLoader.LoadCertificate(der);
            officer = officerResolver(x509);
        }
        else
        {
            officer = KeyMaterial.OfficerOf(certificate.SubjectDN);
        }

        CertificateProblem? problem = null;
        var usage = certificate.GetKeyUsage();
        if (usage is not null && !usage[0] && !usage[1])
        {
            problem = new(SignatureFailure.WrongKeyUsage, $"certificate '{subject}' allows neither digitalSignature nor nonRepudiation");
        }

        var roles = (certificate.GetExtendedKeyUsage() ?? []).Select(o => ServiceRoleUsage.FromOid(o.Id)).OfType<ServiceRole>().Distinct().ToArray();
        if (roles.Length > 1)
        {
            problem ??= new(SignatureFailure.WrongRole, $"certificate '{subject}' states {roles.Length} FileFlow service roles ({string.Join(", ", roles)}); a service certificate states exactly one");
        }

        // Path validation depends on the time only through the certificates' validity: cache it per interval between their bounds.
        var boundaries = embedded.Concat(anchors)
            .SelectMany(c => new[] { Utc(c.NotBefore).UtcTicks, Utc(c.NotAfter).UtcTicks + 1 })
            .Distinct().Order().ToArray();
        return new TrustedSigner
        {
            Thumbprint = CertificateKeyId.Of(der),
            Sha256 = SHA256.HashData(der),
#pragma warning disable CA5350 // SHA-1 only matches an ESSCertID (v1) a third party wrote; it is never used to sign.
            Sha1 = SHA1.HashData(der),
#pragma warning restore CA5350
            Subject = subject,
            KeyAlgorithm = keyAlgorithm,
            Rsa = rsa,
            Ecdsa = ecdsa,
            Ed25519 = ed25519,
            Officer = officer,
            Role = roles.Length == 1 ? roles[0] : null,
            Problem = problem,
            CertificateDer = der,
            EmbeddedDer = [.. embedded.Select(c => c.Equals(certificate) ? der : Intern(c.GetEncoded()))],
            Boundaries = boundaries,
        };
    }

    /// <summary>Returns one shared copy of a certificate's DER: the issuing certificates many signers embed are kept once.</summary>
    private byte[] Intern(byte[] der) => interned.GetOrAdd(Records.Hash256.Compute(der), der);

    /// <summary>Builds and validates the path from the signer through the embedded certificates to a trust anchor at <paramref name="at"/> (PKIX).</summary>
    internal CertificatePath ValidatePath(BcCertificate signer, IReadOnlyList<BcCertificate> embedded, DateTimeOffset at)
    {
        if (TryBuildPath(signer, embedded, at, out var path, out var reason))
        {
            return Describe(path!, embedded);
        }

        // Tell "outside its validity" apart from "untrusted": a path that validates at another time is one whose validity failed at this one.
        foreach (var time in embedded.Concat(anchors).Select(c => Utc(c.NotBefore)).Distinct().Order())
        {
            if (TryBuildPath(signer, embedded, time, out path, out _))
            {
                var described = Describe(path!, embedded);
                return described.Problem is not null || described.Validity.Any(v => at < v.NotBefore || at > v.NotAfter)
                    ? described
                    : described with { Problem = new(SignatureFailure.Untrusted, $"the certification path from '{signer.SubjectDN}' does not validate at {at:O}: {reason}") };
            }
        }

        return new CertificatePath(new(SignatureFailure.Untrusted, $"no valid certification path from '{signer.SubjectDN}' (issued by '{signer.IssuerDN}') to a trust anchor: {reason}"), [], null);
    }

    private bool TryBuildPath(BcCertificate signer, IReadOnlyList<BcCertificate> embedded, DateTimeOffset at, out List<BcCertificate>? path, out string reason)
    {
        var selector = new X509CertStoreSelector { Certificate = signer };
        var parameters = new PkixBuilderParameters(anchors.Select(a => new TrustAnchor(a, null)).ToHashSet(), selector)
        {
            IsRevocationEnabled = false,
            Date = at.UtcDateTime,
            MaxPathLength = MaxChainLength,
        };
        parameters.AddStoreCert(CollectionUtilities.CreateStore(embedded));
        try
        {
            var result = new PkixCertPathBuilder().Build(parameters);
            path = [.. result.CertPath.Certificates, result.TrustAnchor.TrustedCert];
            reason = string.Empty;
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            path = null;
            reason = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
            return false;
        }
    }

    private CertificatePath Describe(List<BcCertificate> path, IReadOnlyList<BcCertificate> embedded)
    {
        var validity = path.Select(c => (c.SubjectDN.ToString(), Utc(c.NotBefore), Utc(c.NotAfter))).ToArray();
        var stray = embedded.FirstOrDefault(c => !path.Any(p => p.Equals(c)));
        if (stray is not null)
        {
            return new CertificatePath(new(SignatureFailure.Untrusted, $"the CMS carries certificate '{stray.SubjectDN}', which is not on the signer's path"), validity, null);
        }

        return new CertificatePath(null, validity, FindRevocation(path));
    }

    /// <summary>Finds the earliest revocation of a non-anchor certificate in the path, from CRLs its issuer signed.</summary>
    private (string Subject, DateTimeOffset At, RevocationReason Reason)? FindRevocation(List<BcCertificate> chain)
    {
        (string, DateTimeOffset, RevocationReason)? earliest = null;
        for (var i = 0; i + 1 < chain.Count; i++)
        {
            var certificate = chain[i];
            var issuer = chain[i + 1];
            foreach (var crl in crls)
            {
                if (!crl.IssuerDN.Equivalent(certificate.IssuerDN, inOrder: true) || !IsCrlSignedBy(crl, issuer))
                {
                    continue;
                }

                var entry = crl.GetRevokedCertificate(certificate.SerialNumber);
                if (entry is null)
                {
                    continue;
                }

                var at = Utc(entry.RevocationDate);
                var reason = RevocationReason.Unspecified;
                if (X509ExtensionUtilities.FromExtensionValue(entry, X509Extensions.ReasonCode) is DerEnumerated code)
                {
                    reason = (RevocationReason)code.IntValueExact;
                }

                if (earliest is null || at < earliest.Value.Item2)
                {
                    earliest = (certificate.SubjectDN.ToString(), at, reason);
                }
            }
        }

        return earliest;
    }

    private static bool IsCrlSignedBy(X509Crl crl, BcCertificate issuer)
    {
        try
        {
            return crl.IsSignatureValid(issuer.GetPublicKey());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or SecurityUtilityException or Org.BouncyCastle.Crypto.CryptoException or InvalidCastException)
        {
            return false;
        }
    }
}
